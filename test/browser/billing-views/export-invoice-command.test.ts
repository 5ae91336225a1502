import { expect } from 'chai';
import { startCommands } from '../../../src/commands/command-dispatcher';
import { createCommandHandlers, createExportInvoiceHandler, EXPORT_TITLE, type ExportInvoiceCommandDeps } from '../../../src/commands/command-handlers';
import { displayLocale, setDisplayLocale } from '../../../src/sync/format/display-locale';
import { localeFormat } from '../../../src/sync/format/locale-format';
import type { HostEventName, HostEvents, HostMethod, HostParams, HostResult } from '../../../src/sync/host/protocol';
import { guardBillingService, RunBusyError } from '../../../src/sync/billing/guarded-billing-service';
import type { ConnectionStatus } from '../../../src/sync/connection/connection-status';
import { createRunGuard, type BrowserLocks, type RunGuard } from '../../../src/sync/jobs/run-guard';
import { memoryFirm, type MemoryFirm } from '../runs/memory-leases';
import { BillingHost, FakeBillingService, invoice, outcome, readyDoc, type HeldRun } from './fake-billing';

const locks = (navigator as Navigator & { locks: BrowserLocks }).locks;

const REALM_ID = '9130350';
const CONNECTED: ConnectionStatus = {
  connected: true,
  realmId: REALM_ID,
  companyName: 'Craig’s Design and Landscaping',
  country: 'US',
  connectedAt: '2026-11-26T10:00:00Z',
  accessTokenExpiresAt: '2026-11-26T11:00:00Z',
  refreshTokenExpiresAt: '2027-02-26T10:00:00Z',
};

async function waitUntil(probe: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 4000;
  while (!probe()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * The host as it loads the commands page: it tells the user's locale in host.info only after
 * `infoAfterMs` (never, when undefined) and sends the command at once, as a click that loaded
 * the page does.
 */
class CommandsPageHost extends BillingHost {
  private readonly listeners = new Set<(data: HostEvents['executeFunction']) => void>();
  completed: unknown[] = [];

  constructor(
    private readonly locale: string,
    private readonly infoAfterMs: number | undefined,
  ) {
    super();
  }

  override request<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    if (method === 'host.info') {
      this.calls.push({ method, params });
      if (this.infoAfterMs === undefined) return new Promise(() => undefined);
      const info = { protocolVersion: 1, hostName: 'OfficeTools', hostVersion: '1.0.0', firmId: 'f', firmName: 'F', user: { id: 'u', name: 'U', email: 'u@f.test', role: 'staff' }, locale: this.locale };
      return new Promise((resolve) => setTimeout(() => resolve(info as HostResult<M>), this.infoAfterMs));
    }
    if (method === 'command.completed') {
      this.completed.push(params);
      return Promise.resolve({} as HostResult<M>);
    }
    return super.request(method, params);
  }

  override on<E extends HostEventName>(event: E, handler: (data: HostEvents[E]) => void): () => void {
    if (event !== 'executeFunction') return () => undefined;
    const h = handler as (data: HostEvents['executeFunction']) => void;
    this.listeners.add(h);
    return () => this.listeners.delete(h);
  }

  execute(invoiceId: string): void {
    for (const h of this.listeners) h({ callId: `call-${invoiceId}`, functionName: 'exportInvoiceToQbo', context: { invoiceId } });
  }
}

describe('exportInvoiceToQbo (the one-off command)', () => {
  let host: BillingHost;
  let service: FakeBillingService;
  let status: ConnectionStatus | Error;
  let openedFor: string[];
  /** How the fake run ends, decided per test. */
  let finish: (run: HeldRun) => void;
  /** The firm's run leases, and this browser's pages on them (Chromium's real Web Locks). */
  let firm: MemoryFirm;
  let browser: string;
  let commandRuns: RunGuard;
  let tests = 0;
  const page = (who: string, browserId: string, instanceId: string) => createRunGuard({ leases: firm.as(who), locks, browserId, instanceId });

  beforeEach(() => {
    host = new BillingHost();
    host.invoices.set('i3', invoice('i3', '1003', 'c1', '2026-03-10', 45000));
    service = new FakeBillingService();
    service.planner = (ids) => ({ ready: ids.map((id) => readyDoc(id, 'Invoice 1003 — Acme Corp', 45000)), blocked: [] });
    status = CONNECTED;
    openedFor = [];
    finish = (run) => run.finish({ cancelled: false, outcomes: [outcome('i3', 'Invoice 1003 — Acme Corp', 'created')] });
    firm = memoryFirm({ now: Date.now() });
    browser = `browser-command-${++tests}`;
    commandRuns = page('Dana Whitfield', browser, `commands-runtime-${tests}`);
  });

  function deps(): ExportInvoiceCommandDeps {
    return {
      connectionStatus: async () => {
        if (status instanceof Error) throw status;
        return status;
      },
      openService: async (realmId) => {
        openedFor.push(realmId);
        return service;
      },
      runs: commandRuns,
    };
  }

  async function run(context: { invoiceId?: string }): Promise<Array<{ level: string; title: string; message: string }>> {
    let settled = false;
    const done = createExportInvoiceHandler(deps())(context, host).finally(() => {
      settled = true;
    });
    // The fake run is held until the handler starts it; then it ends as the test asked.
    while (!settled && service.runs.length === 0) await new Promise((r) => setTimeout(r, 2));
    if (service.runs[0]) finish(service.runs[0]);
    await done;
    return host.of('ui.notify');
  }

  it('plans and exports the invoice in view and says so in a success notification', async () => {
    const notes = await run({ invoiceId: 'i3' });
    expect(openedFor).to.deep.equal(['9130350']);
    expect(service.planCalls).to.deep.equal([['i3']]);
    expect(service.runs[0].plan.ready.map((d) => d.sourceId)).to.deep.equal(['i3']);
    expect(notes).to.deep.equal([{ level: 'success', title: EXPORT_TITLE, message: 'Invoice 1003 was exported to QuickBooks Online.' }]);
    expect(service.closed).to.equal(1);
  });

  it('an invoice found already in QBO by its fingerprint is linked, and the notification says it was not created twice', async () => {
    finish = (r) => r.finish({ cancelled: false, outcomes: [outcome('i3', 'Invoice 1003', 'linkedExisting')] });
    const [note] = await run({ invoiceId: 'i3' });
    expect(note.level).to.equal('success');
    expect(note.message).to.include('Invoice 1003 was already in QuickBooks Online');
    expect(note.message).to.include('not created twice');
  });

  it('a blocked invoice gives a warning with the reason and what to do, and sends nothing', async () => {
    service.planner = (ids) => ({
      ready: [],
      blocked: ids.map((id) => ({ sourceId: id, label: 'Invoice 1003', reasons: [{ code: 'contact_not_linked', message: 'Acme Corp is not linked to a QuickBooks Online customer. Link the contact on the Contact Match tab, then export again.' }] })),
    });
    const [note] = await run({ invoiceId: 'i3' });
    expect(service.runs).to.have.length(0);
    expect(note.level).to.equal('warning');
    expect(note.message).to.equal(
      'Invoice 1003 was not exported. Acme Corp is not linked to a QuickBooks Online customer. Link the contact on the Contact Match tab, then export again. The fix is under Setup > QuickBooks Online.',
    );
  });

  it('many reasons are cut to the first and how many more, so the notification stays short', async () => {
    const reason = (n: number) => ({ code: 'work_code_not_linked' as const, message: `Work code W${n} is not linked to a QuickBooks Online item. Link it on the Work Code Match tab.` });
    service.planner = (ids) => ({ ready: [], blocked: ids.map((id) => ({ sourceId: id, label: 'Invoice 1003', reasons: [reason(1), reason(2), reason(3), reason(4)] })) });
    const [note] = await run({ invoiceId: 'i3' });
    expect(service.runs).to.have.length(0);
    expect(note.level).to.equal('warning');
    expect(note.message).to.equal(
      'Invoice 1003 was not exported. Work code W1 is not linked to a QuickBooks Online item. Link it on the Work Code Match tab. …and 3 more reasons: Export Selected under Setup > QuickBooks Online > Time & Billing > Export Invoices lists them all, with their fixes.',
    );
    expect(note.message).not.to.include('W2');
  });

  it('an invoice already exported is not sent again', async () => {
    service.planner = (ids) => ({ ready: [], blocked: ids.map((id) => ({ sourceId: id, label: 'Invoice 1003', reasons: [{ code: 'already_done', message: 'already' }] })) });
    const [note] = await run({ invoiceId: 'i3' });
    expect(service.runs).to.have.length(0);
    expect(note).to.deep.equal({ level: 'info', title: EXPORT_TITLE, message: 'Invoice 1003 is already in QuickBooks Online; it was not sent again.' });
  });

  it('a QBO refusal is an error notification with the QBO message', async () => {
    finish = (r) => r.finish({ cancelled: false, outcomes: [outcome('i3', 'Invoice 1003', 'failed', 'Invalid Reference Id: Item 12 was deleted.')] });
    const [note] = await run({ invoiceId: 'i3' });
    expect(note).to.deep.equal({ level: 'error', title: EXPORT_TITLE, message: 'Invoice 1003 was not exported. QuickBooks Online said: Invalid Reference Id: Item 12 was deleted.' });
  });

  it('a run stopped by a lost connection, or a thrown failure, is an error that says trying again is safe', async () => {
    finish = (r) => r.finish({ cancelled: false, outcomes: [], stoppedBy: { code: 'network', message: 'The connection to QuickBooks Online dropped.' } });
    const [stopped] = await run({ invoiceId: 'i3' });
    expect(stopped.level).to.equal('error');
    expect(stopped.message).to.equal('Invoice 1003 was not exported: The connection to QuickBooks Online dropped. Try again; it will not be sent twice.');

    host = new BillingHost();
    host.invoices.set('i3', invoice('i3', '1003', 'c1', '2026-03-10', 45000));
    service = new FakeBillingService();
    finish = (r) => r.fail(new Error('proxy restarted'));
    service.planner = (ids) => ({ ready: ids.map((id) => readyDoc(id, 'Invoice 1003', 1)), blocked: [] });
    const [thrown] = await run({ invoiceId: 'i3' });
    expect(thrown.level).to.equal('error');
    expect(thrown.message).to.include('Invoice 1003 was not exported.');
    expect(thrown.message).to.include('proxy restarted');
    expect(thrown.message).to.include('It will not be sent twice when you try again.');
    expect(service.closed).to.equal(1);
  });

  it('without a connection it warns and says where to connect; without an open invoice it says to open one', async () => {
    status = { connected: false };
    const [note] = await run({ invoiceId: 'i3' });
    expect(openedFor).to.deep.equal([]);
    expect(note.level).to.equal('warning');
    expect(note.message).to.equal(
      'Invoice 1003 was not exported: OfficeTools is not connected to QuickBooks Online. Connect under Setup > My Company > Information & Settings > Integrations, then try again.',
    );

    host = new BillingHost();
    const [none] = await run({});
    expect(none.level).to.equal('warning');
    expect(none.message).to.include('No invoice is open.');
  });

  it('a proxy that cannot be reached is an error in words', async () => {
    status = new Error('Failed to fetch');
    const [note] = await run({ invoiceId: 'i3' });
    expect(note.level).to.equal('error');
    expect(note.message).to.match(/^Invoice 1003 was not exported\. .*Failed to fetch/);
  });

  it('when the notification cannot be shown the handler fails, so the shell reports it instead', async () => {
    host.notifyFails = true;
    let error: unknown;
    try {
      await run({ invoiceId: 'i3' });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.include('Invoice 1003 was exported to QuickBooks Online.');
  });
  describe('one invoice export at a time with the Invoice Export window', () => {
    /** The Invoice Export window of this browser: its service behind the same guard, as the panel opens it. */
    function invoiceWindow(): { service: FakeBillingService; guarded: ReturnType<typeof guardBillingService> } {
      const windowService = new FakeBillingService();
      return { service: windowService, guarded: guardBillingService(windowService, page('Dana Whitfield', browser, `panel-window-${tests}`), REALM_ID) };
    }
    const control = () => ({ signal: new AbortController().signal, onProgress: () => undefined });

    it('while the window exports, the command sends nothing and says another window of this browser is exporting', async () => {
      const win = invoiceWindow();
      const windowRun = win.guarded.exportInvoices(await win.service.planInvoiceExport(['i1']), control());
      await waitUntil(() => win.service.runs.length === 1, 'the window run');
      const notes = await run({ invoiceId: 'i3' });
      expect(service.runs, 'the command sent nothing').to.have.length(0);
      expect(notes).to.have.length(1);
      expect(notes[0].level).to.equal('warning');
      expect(notes[0].message).to.match(
        /^Invoice 1003 was not exported: Another OfficeTools window or tab of this browser is exporting invoices to QuickBooks Online since \d{1,2}:\d{2} [AP]M\. Only one export runs at a time, so nothing was sent; try again when it has finished/,
      );
      expect(service.closed).to.equal(1);
      win.service.runs[0].finish({ cancelled: false, outcomes: [] });
      await windowRun;

      // Once the window's run is over, the command runs.
      const again = await run({ invoiceId: 'i3' });
      expect(again.map((n) => n.level)).to.deep.equal(['warning', 'success']);
      expect(service.runs).to.have.length(1);
    });

    it("while the command exports, the window's Export Selected is refused and sends nothing; it runs once the command is done", async () => {
      const win = invoiceWindow();
      const commandDone = createExportInvoiceHandler(deps())({ invoiceId: 'i3' }, host);
      await waitUntil(() => service.runs.length === 1, 'the command run');
      let refused: unknown;
      try {
        await win.guarded.exportInvoices(await win.service.planInvoiceExport(['i1']), control());
      } catch (e) {
        refused = e;
      }
      expect(refused).to.be.instanceOf(RunBusyError);
      expect(win.service.runs, 'the window sent nothing').to.have.length(0);
      service.runs[0].finish({ cancelled: false, outcomes: [outcome('i3', 'Invoice 1003', 'created')] });
      await commandDone;
      expect(host.of('ui.notify')[0].level).to.equal('success');

      const windowRun = win.guarded.exportInvoices(await win.service.planInvoiceExport(['i1']), control());
      await waitUntil(() => win.service.runs.length === 1, 'the window run after the command');
      win.service.runs[0].finish({ cancelled: false, outcomes: [] });
      await windowRun;
    });

    it('while a colleague exports invoices from another browser, the command names them and sends nothing', async () => {
      const colleague = page('Sam Ortiz', `browser-sam-${tests}`, `sam-window-${tests}`);
      const held = await colleague.acquire(REALM_ID, 'invoiceExport');
      expect(held.ok).to.equal(true);
      try {
        const [note] = await run({ invoiceId: 'i3' });
        expect(service.runs).to.have.length(0);
        expect(note.level).to.equal('warning');
        expect(note.message).to.match(/^Invoice 1003 was not exported: Sam Ortiz is exporting invoices to QuickBooks Online since /);
      } finally {
        if (held.ok) await held.release();
      }
    });
  });
  describe("in the host's locale (host.info), as the panel", () => {
    afterEach(() => setDisplayLocale(undefined));

    /** The command's notice while a colleague exports, on a commands page started as index.ts starts it. */
    async function busyNotice(pageHost: CommandsPageHost, localeWaitMs?: number): Promise<{ message: string; since: string }> {
      pageHost.invoices.set('i3', invoice('i3', '1003', 'c1', '2026-03-10', 45000));
      const colleague = page('Sam Ortiz', `browser-sam-${tests}`, `sam-window-${tests}`);
      const held = await colleague.acquire(REALM_ID, 'invoiceExport');
      expect(held.ok).to.equal(true);
      const stop = startCommands(pageHost, createCommandHandlers(deps()), localeWaitMs);
      try {
        const since = (await colleague.holder(REALM_ID, 'invoiceExport'))?.since;
        expect(since, 'the lease says since when').to.be.a('string');
        pageHost.execute('i3');
        await waitUntil(() => pageHost.completed.length === 1, 'the command to complete');
        const notes = pageHost.of('ui.notify');
        expect(notes).to.have.length(1);
        return { message: notes[0].message, since: since as string };
      } finally {
        stop();
        if (held.ok) await held.release();
      }
    }

    it('a command sent before host.info is answered words its notice in the host locale (de-DE: 24-hour time)', async () => {
      const browserLocale = displayLocale();
      const { message, since } = await busyNotice(new CommandsPageHost('de-DE', 150));
      const time = localeFormat('de-DE').clockTime(since);
      expect(time, 'de-DE and the browser write the time differently').to.not.equal(localeFormat(browserLocale).clockTime(since));
      expect(message).to.equal(
        `Invoice 1003 was not exported: Sam Ortiz is exporting invoices to QuickBooks Online since ${time}. Only one export runs at a time, so nothing was sent; try again when it has finished (it will not be sent twice).`,
      );
      expect(displayLocale()).to.equal('de-DE');
    });

    it("a host that does not answer host.info holds the command only for the wait, then it runs in the browser's language", async () => {
      const browserLocale = displayLocale();
      const started = Date.now();
      const { message, since } = await busyNotice(new CommandsPageHost('de-DE', undefined), 200);
      expect(Date.now() - started).to.be.below(3000);
      expect(displayLocale()).to.equal(browserLocale);
      expect(message).to.include(`since ${localeFormat(browserLocale).clockTime(since)}.`);
    });
  });
});
