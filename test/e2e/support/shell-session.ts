/**
 * One scenario's user at the shell: the product started like `npm start`, a Chromium page on
 * the shell, and the moves every scenario makes the way a person makes them (menus, the add-in
 * catalog, the sign-in window), with a numbered screenshot of each step and of any failure.
 *
 * Made at module level and started in `before`, so that tests can destructure its moves
 * (`const { panel, openMenu, eventually, step } = shell`): each is bound to the session.
 */
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { launchBrowser, screenshotter } from './browser';
import { startStack, type Stack } from './stack';

export interface Viewport {
  width: number;
  height: number;
}

interface Running {
  stack: Stack;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Joined a product and browser started by another session: stop() closes only the context. */
  joined: boolean;
}

export interface SessionOptions {
  /** The shell user signed in ("Signed in as"); default the shell's own default user. */
  userId?: string;
  /** Scroll bars take their room as in a desktop browser (see launchBrowser); default hidden, as headless Chromium has them. */
  showScrollbars?: boolean;
}

/** Where the shell page keeps the signed-in user (dev/shell/app/workspace.tsx). */
const SHELL_USER_KEY = 'officetools.userId';

/** Long enough for a panel that loads a company's lists through the proxy; a step that waits on more passes its own. */
const EVENTUALLY_TIMEOUT_MS = 20_000;

export class ShellSession {
  private started?: Running;
  private readonly screenshot: (page: Page, step: string) => Promise<string>;

  /** `scenario` names the screenshot folder test-results/e2e/<scenario>/ (emptied now). */
  constructor(
    scenario: string,
    private readonly viewport: Viewport = { width: 1400, height: 900 },
    private readonly options: SessionOptions = {},
  ) {
    this.screenshot = screenshotter(scenario);
  }

  start = async (): Promise<void> => {
    const stack = await startStack();
    try {
      const browser = await launchBrowser({ showScrollbars: this.options.showScrollbars });
      this.started = { stack, browser, ...(await this.newContext(browser, stack)), joined: false };
    } catch (e) {
      await stack.stop();
      throw e;
    }
  };

  /**
   * Another staff member (or a fresh browser profile) on a product and browser that another
   * session started: a new browser context, so nothing of the other's browser storage is shared.
   */
  join = async (other: ShellSession): Promise<void> => {
    const { stack, browser } = other.session();
    this.started = { stack, browser, ...(await this.newContext(browser, stack)), joined: true };
  };

  stop = async (): Promise<void> => {
    if (this.started?.joined) {
      await this.started.context.close();
      return;
    }
    await this.started?.browser.close();
    await this.started?.stack.stop();
  };

  private async newContext(browser: Browser, stack: Stack): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: this.viewport });
    if (this.options.userId) {
      // The stand-in's sign-in is a choice kept in the shell page's storage; set it before the page loads.
      await context.addInitScript(
        ({ key, userId, shellOrigin }) => {
          if (window.location.origin === shellOrigin && !window.localStorage.getItem(key)) window.localStorage.setItem(key, userId);
        },
        { key: SHELL_USER_KEY, userId: this.options.userId, shellOrigin: new URL(stack.shellUrl).origin },
      );
    }
    return { context, page: await context.newPage() };
  }

  get stack(): Stack {
    return this.session().stack;
  }

  get context(): BrowserContext {
    return this.session().context;
  }

  get page(): Page {
    return this.session().page;
  }

  /** A numbered screenshot of the shell (or of another window, such as the sign-in popup). */
  shot = (step: string, target: Page = this.page): Promise<string> => this.screenshot(target, step);

  /** The add-in's task pane, inside the shell. */
  panel = (): FrameLocator => this.page.frameLocator('iframe[data-role="panel"]');

  /**
   * The add-in's window that the host draws over the workspace (ui.openWindow,
   * docs/decisions/0008-host-windows.md): the Integration window and the Time & Billing windows.
   */
  hostWindow = (): FrameLocator => this.page.frameLocator('iframe[data-role="window"]');

  /** The host window's frame (title bar, close button) in the shell page. */
  hostWindowBox = () => this.page.locator('[data-host-window]');

  /** The task pane's frame itself, for reading what the add-in keeps in the browser. */
  panelFrame = (): Frame => {
    const frame = this.page.frames().find((f) => f.url().startsWith(`${this.stack.addinUrl}/taskpane.html`));
    assert.ok(frame, 'the panel frame is loaded');
    return frame;
  };

  /** The shell at its start page, with the signed-in user's firm loaded (default the demo firm). */
  openShell = async (firmName = 'Hartwell & Lee CPAs'): Promise<void> => {
    await this.page.goto(this.stack.shellUrl);
    await this.page.getByText(firmName).first().waitFor();
  };

  /**
   * A shell menu path, hovering through the submenus. Below the top level only the open menus
   * are searched (the invoice view has its own "QuickBooks Online").
   */
  openMenu = async (...path: string[]): Promise<void> => {
    const page = this.page;
    await page.getByRole('menubar').getByRole('menuitem', { name: path[0], exact: true }).or(page.getByRole('menuitem', { name: path[0], exact: true })).first().click();
    for (const label of path.slice(1, -1)) await page.getByRole('menu').getByRole('menuitem', { name: label, exact: true }).hover();
    await page.getByRole('menu').getByRole('menuitem', { name: path[path.length - 1], exact: true }).click();
  };

  /** Setup > Add-ins… > Install QuickBooks Online; `screenshot` names a picture taken before the catalog closes. */
  installAddin = async (screenshot?: string): Promise<void> => {
    await this.openMenu('Setup', 'Add-ins…');
    await this.page.getByRole('button', { name: 'Install QuickBooks Online' }).click();
    await this.page.getByRole('button', { name: 'Remove QuickBooks Online' }).waitFor();
    if (screenshot) await this.shot(screenshot);
    await this.page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  };

  /** Setup > My Company > Information & Settings > Integrations, shown. */
  openIntegrations = async (): Promise<void> => {
    await this.openMenu('Setup', 'My Company', 'Information & Settings', 'Integrations');
    await this.panel().getByRole('heading', { name: 'QuickBooks Integration Options' }).waitFor();
  };

  /**
   * From the open options window: QuickBooks Online chosen, confirmed, signed in to `company`;
   * returns once the window names the company (`what` is said if it never does).
   */
  connect = async (company: string, what: string): Promise<void> => {
    await this.panel().getByRole('radio', { name: 'QuickBooks Online' }).check();
    await this.panel().getByRole('button', { name: 'Yes' }).click();
    await this.panel().getByRole('button', { name: 'Connect to QuickBooks Online' }).click();
    await this.signIn(company);
    const shown = this.panel().getByRole('textbox', { name: 'Company' });
    await this.eventually(async () => (await shown.count()) > 0 && (await shown.inputValue()) === company, what);
  };

  /**
   * Answers the panel's "authenticate?" with Yes and runs the sandbox's sign-in in the dialog
   * window that opens, choosing `company`; with `screenshots`, pictures of that window too.
   */
  signIn = async (company: string, { screenshots = false }: { screenshots?: boolean } = {}): Promise<void> => {
    const popupOpened = this.context.waitForEvent('page');
    await this.panel().getByRole('button', { name: 'Yes' }).click();
    const popup = await popupOpened;
    await popup.waitForLoadState();
    if (screenshots) await this.shot(`sign-in-page-${company}`, popup);
    await popup.getByLabel('Email').fill('demo@officetools.test');
    await popup.getByLabel('Password').fill('sandbox');
    await popup.getByRole('button', { name: 'Sign In' }).click();
    await popup.getByRole('radio', { name: company }).check();
    if (screenshots) await this.shot(`choose-company-${company}`, popup);
    await popup.getByRole('button', { name: 'Connect' }).click();
  };

  /** Polls `check` until it holds; on timeout keeps a screenshot and fails saying `what`. */
  eventually = async (check: () => Promise<boolean>, what: string, timeoutMs = EVENTUALLY_TIMEOUT_MS): Promise<void> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      if (await check().catch(() => false)) return;
      if (Date.now() > end) {
        await this.shot(`FAILED-${what}`);
        assert.fail(`timed out waiting until: ${what}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  };

  /** A test body that keeps a picture of the screen when it fails: the assertion says what, the picture says why. */
  step = (body: () => Promise<void>): (() => Promise<void>) => async () => {
    try {
      await body();
    } catch (e) {
      await this.shot('FAILED').catch(() => undefined);
      throw e;
    }
  };

  private session(): Running {
    assert.ok(this.started, 'the shell session is used before start() (call it in before())');
    return this.started;
  }
}
