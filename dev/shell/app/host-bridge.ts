/**
 * The shell's side of the host protocol (src/sync/host/protocol.ts): answers the add-in frames'
 * requests from the shell server's REST API, pushes events to them, and runs dialog windows.
 *
 * Trust: a message counts only when `event.origin` is an installed add-in's origin AND
 * `event.source` is one of that add-in's frames (or, for `dialogMessage`, one of its dialog
 * windows). Anything else is dropped with a console warning that names no content, because a
 * stray page must never be able to read or change firm data. Everything the shell sends goes to
 * that add-in's origin as targetOrigin, never '*', so a frame that navigated elsewhere gets
 * nothing.
 *
 * Identity: `auth.getIdentityToken` is answered with a token the shell server signs for the
 * signed-in user with the requesting add-in's origin as audience, so a token handed to one
 * add-in is useless to any other.
 */
import {
  HOST_PROTOCOL,
  HOST_WINDOW_TEXT_MAX,
  HOST_PROTOCOL_VERSION,
  isHostMessage,
  isPanelView,
  makeErrorResponse,
  makeEvent,
  makeJsonTextResponse,
  makeResponse,
  type Contact,
  type HostErrorCode,
  type HostEventName,
  type HostEvents,
  type HostTheme,
  type HostMethod,
  type HostUser,
  type PanelView,
  type RequestMessage,
} from '../../../src/sync/host/protocol';
import { FirmApiError, type FirmApi } from './api-client';
import { InvalidParamsError, REST_METHODS } from './rest-mapping';

/** The add-in's frames: its docked panel, its hidden commands runtime, and its host window (ui.openWindow). */
export type FrameRole = 'panel' | 'commands' | 'window';

/** A window the host draws for an add-in (ui.openWindow), as the workspace renders it. */
export interface HostWindowSpec {
  windowId: string;
  url: string;
  title: string;
  width: number;
  height: number;
}

/** The smallest window the host draws; an add-in asking for less gets this. */
export const HOST_WINDOW_MIN = { width: 320, height: 240 } as const;

export interface HostBridgeUi {
  /** Show the add-in's panel at a view (open it, or send `panelView` when already open). */
  showPanel(addinId: string, view: PanelView, focusId?: string): void;
  notify(addinId: string, level: 'info' | 'success' | 'warning' | 'error', title: string, message: string): void;
  /** Widen the add-in's panel for side-by-side lists, or restore the width the user chose; returns the width in px. */
  setPanelWidth(addinId: string, mode: 'wide' | 'normal'): number;
  /**
   * The add-in changed firm records through the host (an import created contacts, recorded
   * payments…): the shell reloads what it shows, so counts and lists are not stale.
   */
  dataChanged?(addinId: string): void;
  /** Draw the add-in's host window over the workspace (one at a time per add-in). */
  openWindow(addinId: string, spec: HostWindowSpec): void;
  /** Remove the add-in's host window. */
  closeWindow(addinId: string, windowId: string): void;
  /** The room a host window may take, in CSS px (the workspace less its margins). */
  windowArea(): { width: number; height: number };
}

export interface HostBridgeOptions {
  /** The shell window whose `message` events carry the add-in's requests. */
  window: Window;
  api: FirmApi;
  ui: HostBridgeUi;
  /** Who is signed in and which firm, asked at each `host.info`. */
  info(): { firmId: string; firmName: string; user: HostUser };
  /** The shell's theme now, told at each `host.info` (changes go out with emitThemeChanged). @defaultvalue light */
  theme?(): HostTheme;
  /** The user's locale (BCP 47), told at each `host.info`. @defaultvalue en-US */
  locale?(): string;
  /** The clock for the identity-token cache. @defaultvalue Date.now */
  now?: () => number;
  hostVersion?: string;
  /** Opens a dialog window. @defaultvalue window.open */
  openWindow?: (url: string, features: string) => Window | null;
  /** How often open dialogs are checked for being closed. @defaultvalue 500 ms */
  dialogPollMs?: number;
  /** How long an `executeFunction` may run before the shell gives up on it. @defaultvalue 5 minutes */
  commandTimeoutMs?: number;
  /** Where ignored messages are reported. @defaultvalue console.warn */
  warn?: (message: string) => void;
}

export interface CommandOutcome {
  ok: boolean;
  error?: string;
}

interface FrameState {
  win: Window;
  /** Events wait until the frame has loaded its add-in page (see markFrameReady). */
  ready: boolean;
  /** The page has sent a message of its own: it is running and can answer events. */
  talked: boolean;
  queue: Array<{ event: HostEventName; data: unknown }>;
}

interface DialogState {
  addinId: string;
  win: Window;
  /** The frame that asked for the dialog gets its events. */
  requester: Window;
}

interface WindowState {
  addinId: string;
  spec: HostWindowSpec;
  /** The frame that asked for the window gets `windowClosed`. */
  requester: Window;
}

interface AddinState {
  origin: string;
  frames: Map<FrameRole, FrameState>;
}

/** At most this many events wait for a frame that has not loaded yet (older ones are dropped). */
const MAX_QUEUED_EVENTS = 200;

/** A cached identity token is handed out only while it has at least this long to live. */
export const IDENTITY_TOKEN_REUSE_MARGIN_MS = 60_000;

interface IdentityToken {
  token: string;
  expiresAt: string;
}

function isIdentityToken(value: unknown): value is IdentityToken {
  const v = value as Partial<IdentityToken> | null;
  return typeof v === 'object' && v !== null && typeof v.token === 'string' && typeof v.expiresAt === 'string' && !Number.isNaN(Date.parse(v.expiresAt));
}

class BridgeError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export class HostBridge {
  private readonly addins = new Map<string, AddinState>();
  private readonly dialogs = new Map<string, DialogState>();
  private readonly windows = new Map<string, WindowState>();
  private readonly pendingCommands = new Map<string, { addinId: string; resolve: (o: CommandOutcome) => void; timer: ReturnType<typeof setTimeout> }>();
  /** Identity tokens per add-in (keyed by id and origin), or the request that is fetching one. */
  private readonly tokens = new Map<string, Promise<IdentityToken>>();
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private sequence = 0;
  private readonly listener = (event: MessageEvent) => this.onMessage(event);

  constructor(private readonly opts: HostBridgeOptions) {
    opts.window.addEventListener('message', this.listener);
  }

  dispose(): void {
    this.opts.window.removeEventListener('message', this.listener);
    if (this.pollTimer) clearInterval(this.pollTimer);
    for (const dialog of this.dialogs.values()) dialog.win.close();
    this.dialogs.clear();
    for (const [windowId, state] of this.windows) this.opts.ui.closeWindow(state.addinId, windowId);
    this.windows.clear();
    for (const pending of this.pendingCommands.values()) {
      clearTimeout(pending.timer);
      pending.resolve({ ok: false, error: 'The shell closed before the command finished.' });
    }
    this.pendingCommands.clear();
    this.addins.clear();
    this.tokens.clear();
  }

  /** Trust an installed add-in's origin (from its manifest's SourceLocation). */
  registerAddin(addinId: string, origin: string): void {
    const existing = this.addins.get(addinId);
    if (existing && existing.origin === origin) return;
    this.addins.set(addinId, { origin, frames: new Map() });
  }

  /** Forget an uninstalled add-in: its frames and dialogs are no longer answered. */
  unregisterAddin(addinId: string): void {
    this.addins.delete(addinId);
    for (const key of this.tokens.keys()) if (key.startsWith(`${addinId} `)) this.tokens.delete(key);
    for (const [dialogId, dialog] of this.dialogs) {
      if (dialog.addinId === addinId) {
        dialog.win.close();
        this.dialogs.delete(dialogId);
      }
    }
    for (const [windowId, state] of this.windows) {
      if (state.addinId === addinId) {
        this.windows.delete(windowId);
        this.opts.ui.closeWindow(addinId, windowId);
      }
    }
    for (const [callId, pending] of this.pendingCommands) {
      if (pending.addinId === addinId) {
        clearTimeout(pending.timer);
        this.pendingCommands.delete(callId);
        pending.resolve({ ok: false, error: 'The add-in was removed before the command finished.' });
      }
    }
  }

  /** The frame's window is answered from now on; events wait until it is ready. */
  attachFrame(addinId: string, role: FrameRole, win: Window): void {
    const addin = this.requireAddin(addinId);
    const current = addin.frames.get(role);
    if (current?.win === win) return;
    addin.frames.set(role, { win, ready: false, talked: false, queue: [] });
  }

  /** The frame's page has loaded (iframe `load`): send what waited. */
  markFrameReady(addinId: string, role: FrameRole): void {
    const frame = this.addins.get(addinId)?.frames.get(role);
    if (!frame) return;
    frame.ready = true;
    const queued = frame.queue.splice(0);
    for (const { event, data } of queued) this.post(addinId, frame, event, data as HostEvents[HostEventName]);
  }

  detachFrame(addinId: string, role: FrameRole): void {
    this.addins.get(addinId)?.frames.delete(role);
  }

  hasFrame(addinId: string, role: FrameRole): boolean {
    return this.addins.get(addinId)?.frames.has(role) ?? false;
  }

  /** Sends an event to the given frames of an add-in (all of them by default). */
  sendEvent<E extends HostEventName>(addinId: string, event: E, data: HostEvents[E], roles: readonly FrameRole[] = ['commands', 'panel']): void {
    const addin = this.addins.get(addinId);
    if (!addin) return;
    for (const role of roles) {
      const frame = addin.frames.get(role);
      if (!frame) continue;
      if (frame.ready) this.post(addinId, frame, event, data);
      else if (frame.queue.push({ event, data }) > MAX_QUEUED_EVENTS) frame.queue.shift();
    }
  }

  /** The add-in's open host window, if any. */
  openWindowOf(addinId: string): HostWindowSpec | undefined {
    for (const state of this.windows.values()) if (state.addinId === addinId) return state.spec;
    return undefined;
  }

  /**
   * The user clicked a host window's close button (or pressed Escape in the shell). A page that
   * is running decides (it may ask about unsaved changes, docs/decisions/0007-save-semantics.md)
   * and closes itself; a page that never started (failed to load) is closed at once.
   */
  requestWindowClose(windowId: string): void {
    const state = this.windows.get(windowId);
    if (!state) return;
    const frame = this.addins.get(state.addinId)?.frames.get('window');
    if (frame?.talked) this.post(state.addinId, frame, 'windowCloseRequested', { windowId });
    else this.closeWindow(windowId);
  }

  /** Closes a host window and tells the frame that opened it; false when it was not open. */
  closeWindow(windowId: string, summary?: string): boolean {
    const state = this.windows.get(windowId);
    if (!state) return false;
    this.windows.delete(windowId);
    this.opts.ui.closeWindow(state.addinId, windowId);
    this.sendTo(state.addinId, state.requester, 'windowClosed', summary ? { windowId, summary } : { windowId });
    return true;
  }

  /** The shell's own UI added a contact: tell every installed add-in. */
  emitContactAdded(contact: Contact): void {
    for (const addinId of this.addins.keys()) this.sendEvent(addinId, 'contactAdded', { contact });
  }

  /** The shell's own UI changed a contact. */
  emitContactChanged(contact: Contact, previous: Contact): void {
    for (const addinId of this.addins.keys()) this.sendEvent(addinId, 'contactChanged', { contact, previous });
  }

  /** The user switched the shell's theme: every frame of every add-in repaints (panel, runtime, window). */
  emitThemeChanged(theme: HostTheme): void {
    for (const addinId of this.addins.keys()) this.sendEvent(addinId, 'themeChanged', { theme }, ['panel', 'commands', 'window']);
  }

  /**
   * Runs an ExecuteFunction command in the add-in's commands runtime and resolves when the runtime
   * reports `command.completed` (or with an error when it has no runtime or takes too long).
   */
  executeFunction(addinId: string, functionName: string, context: HostEvents['executeFunction']['context']): Promise<CommandOutcome> {
    if (!this.hasFrame(addinId, 'commands')) {
      return Promise.resolve({ ok: false, error: 'The add-in has no commands runtime loaded; reinstall it from Setup > Add-ins.' });
    }
    const callId = `call-${++this.sequence}-${Date.now().toString(36)}`;
    return new Promise<CommandOutcome>((resolve) => {
      const timeoutMs = this.opts.commandTimeoutMs ?? 300_000;
      const timer = setTimeout(() => {
        this.pendingCommands.delete(callId);
        resolve({ ok: false, error: `"${functionName}" did not report completion within ${Math.round(timeoutMs / 1000)} s.` });
      }, timeoutMs);
      this.pendingCommands.set(callId, { addinId, resolve, timer });
      this.sendEvent(addinId, 'executeFunction', { callId, functionName, context }, ['commands']);
    });
  }

  // --- incoming messages ---------------------------------------------------------------------

  private warn(message: string): void {
    (this.opts.warn ?? ((m: string) => console.warn(m)))(`[host bridge] ${message}`);
  }

  private onMessage(event: MessageEvent): void {
    const source = event.source as Window | null;
    const matches = [...this.addins.entries()].filter(([, a]) => a.origin === event.origin);
    if (matches.length === 0) {
      if (isHostMessage(event.data) || (typeof event.data === 'object' && event.data !== null && (event.data as { protocol?: unknown }).protocol === HOST_PROTOCOL)) {
        this.warn(`ignored a host-protocol message from ${event.origin || 'an opaque origin'}: no installed add-in has that origin.`);
      }
      return;
    }
    for (const [addinId, addin] of matches) {
      const frameEntry = [...addin.frames.entries()].find(([, f]) => f.win === source);
      const dialogEntry = [...this.dialogs.entries()].find(([, d]) => d.addinId === addinId && d.win === source);
      if (!frameEntry && !dialogEntry) continue;
      const data: unknown = event.data;
      if (frameEntry) {
        const [role, frame] = frameEntry;
        // A frame that talks has loaded: anything queued for it can go now.
        if (!frame.ready) this.markFrameReady(addinId, role);
        frame.talked = true;
        this.fromFrame(addinId, addin, frame.win, data);
      } else if (dialogEntry) {
        this.fromDialog(dialogEntry[0], dialogEntry[1], data);
      }
      return;
    }
    this.warn(`ignored a message from ${event.origin}: it did not come from one of that add-in's frames or dialogs.`);
  }

  private fromFrame(addinId: string, addin: AddinState, win: Window, data: unknown): void {
    if (typeof data !== 'object' || data === null || (data as { protocol?: unknown }).protocol !== HOST_PROTOCOL) return;
    const raw = data as { kind?: unknown; id?: unknown; v?: unknown };
    if (raw.kind === 'request' && typeof raw.id === 'string' && raw.v !== HOST_PROTOCOL_VERSION) {
      win.postMessage(
        makeErrorResponse(raw.id, { code: 'version_mismatch', message: `This shell speaks host protocol version ${HOST_PROTOCOL_VERSION}; the add-in sent version ${String(raw.v)}. Update the add-in or the shell.` }),
        addin.origin,
      );
      return;
    }
    if (!isHostMessage(data) || data.kind !== 'request') return;
    this.answer(addinId, addin, win, data).catch((err: unknown) => this.warn(`could not answer ${data.method}: ${(err as Error).message}`));
  }

  private fromDialog(dialogId: string, dialog: DialogState, data: unknown): void {
    if (!isHostMessage(data) || data.kind !== 'dialogMessage') {
      this.warn('ignored a message from a dialog window: only dialogMessage is accepted from dialogs.');
      return;
    }
    this.sendTo(dialog.addinId, dialog.requester, 'dialogMessage', { dialogId, message: data.message });
  }

  private async answer(addinId: string, addin: AddinState, win: Window, request: RequestMessage): Promise<void> {
    let response;
    try {
      const params = (request.params ?? {}) as Record<string, unknown>;
      const text = request.answerAs === 'json' ? await this.readAsText(request.method, params) : undefined;
      if (text !== undefined) {
        response = makeJsonTextResponse(request.id, text);
      } else {
        const result = await this.dispatch(addinId, addin, win, request.method, params);
        response = makeResponse(request.id, result as never);
      }
    } catch (err) {
      response = makeErrorResponse(request.id, toHostError(err));
    }
    // The add-in may have been removed while the answer was on its way.
    if (this.addins.get(addinId) === addin) win.postMessage(response, addin.origin);
  }

  /**
   * A read answered by the shell server's REST API, as the body's own text, for an add-in that
   * takes JSON text (request `answerAs: 'json'`): the list is never parsed and cloned here, only
   * passed on. Undefined for anything else, which `dispatch` answers.
   */
  private async readAsText(method: HostMethod, params: Record<string, unknown>): Promise<string | undefined> {
    const rest = REST_METHODS[method];
    if (!rest || typeof params !== 'object' || params === null || Array.isArray(params)) return undefined;
    const call = rest(params);
    return call.method === 'GET' ? this.opts.api.text(call.path) : undefined;
  }

  private async dispatch(addinId: string, addin: AddinState, win: Window, method: HostMethod, params: Record<string, unknown>): Promise<unknown> {
    if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new BridgeError('invalid_params', `${method}: params must be an object.`);
    const rest = REST_METHODS[method];
    if (rest) {
      const call = rest(params);
      const result = await this.opts.api.request(call.method, call.path, call.body);
      if (call.method !== 'GET') this.opts.ui.dataChanged?.(addinId);
      return result;
    }
    switch (method) {
      case 'host.info': {
        const { firmId, firmName, user } = this.opts.info();
        const theme = this.opts.theme?.() ?? 'light';
        const locale = this.opts.locale?.() ?? 'en-US';
        return { protocolVersion: HOST_PROTOCOL_VERSION, hostName: 'OfficeTools', hostVersion: this.opts.hostVersion ?? '1.0.0', firmId, firmName, user, theme, locale };
      }
      case 'auth.getIdentityToken': {
        if (params.forceRefresh !== undefined && typeof params.forceRefresh !== 'boolean') {
          throw new BridgeError('invalid_params', 'auth.getIdentityToken: params.forceRefresh must be true or false when given.');
        }
        return this.identityToken(addinId, addin.origin, params.forceRefresh === true);
      }
      case 'ui.showPanel': {
        if (!isPanelView(params.view)) throw new BridgeError('invalid_params', `ui.showPanel: "${String(params.view)}" is not a panel view.`);
        if (params.focusId !== undefined && typeof params.focusId !== 'string') throw new BridgeError('invalid_params', 'ui.showPanel: params.focusId must be a string.');
        this.opts.ui.showPanel(addinId, params.view, params.focusId as string | undefined);
        return { shown: true };
      }
      case 'ui.notify': {
        const { level, title, message } = params;
        if (!['info', 'success', 'warning', 'error'].includes(level as string) || typeof title !== 'string' || typeof message !== 'string') {
          throw new BridgeError('invalid_params', 'ui.notify needs level (info, success, warning or error), title and message (strings).');
        }
        this.opts.ui.notify(addinId, level as 'info', title, message);
        return { shown: true };
      }
      case 'ui.setPanelWidth': {
        if (params.mode !== 'wide' && params.mode !== 'normal') throw new BridgeError('invalid_params', 'ui.setPanelWidth: params.mode must be "wide" or "normal".');
        return { width: this.opts.ui.setPanelWidth(addinId, params.mode) };
      }
      case 'ui.openDialog':
        return this.openDialog(addinId, addin, win, params);
      case 'ui.openWindow':
        return this.openHostWindow(addinId, addin, win, params);
      case 'ui.closeWindow':
        return { closed: this.closeWindowFor(addinId, addin, win, params) };
      case 'ui.closeDialog': {
        const dialog = typeof params.dialogId === 'string' ? this.dialogs.get(params.dialogId) : undefined;
        if (!dialog || dialog.addinId !== addinId) return { closed: false };
        dialog.win.close();
        this.dialogs.delete(params.dialogId as string);
        return { closed: true };
      }
      case 'command.completed': {
        const pending = typeof params.callId === 'string' ? this.pendingCommands.get(params.callId) : undefined;
        if (!pending || pending.addinId !== addinId) throw new BridgeError('not_found', `command.completed: no command call "${String(params.callId)}" is waiting.`);
        clearTimeout(pending.timer);
        this.pendingCommands.delete(params.callId as string);
        const error = typeof params.error === 'string' && params.error ? params.error : undefined;
        pending.resolve(error ? { ok: false, error } : { ok: true });
        return { ok: true };
      }
      default:
        throw new BridgeError('unknown_method', `The shell does not know the method "${String(method)}".`);
    }
  }

  /**
   * A token for the add-in: the cached one while it has more than a minute left, else a new one
   * from the shell server. Concurrent requests share one fetch; `forceRefresh` always fetches.
   */
  private async identityToken(addinId: string, origin: string, forceRefresh: boolean): Promise<IdentityToken> {
    const key = `${addinId} ${origin}`;
    const now = this.opts.now ?? Date.now;
    const cached = this.tokens.get(key);
    if (cached && !forceRefresh) {
      const token = await cached.catch(() => undefined);
      if (token && Date.parse(token.expiresAt) - now() > IDENTITY_TOKEN_REUSE_MARGIN_MS) return token;
      // A failed or stale fetch: fetch again, unless another request already started that.
      if (this.tokens.get(key) !== cached) return this.identityToken(addinId, origin, false);
    }
    const fetching = this.opts.api.request('POST', '/api/identity/token', { audience: origin }).then((answer) => {
      if (!isIdentityToken(answer)) throw new BridgeError('host_error', 'The shell server answered the identity token request without a token; restart the shell (npm start).');
      return { token: answer.token, expiresAt: answer.expiresAt };
    });
    this.tokens.set(key, fetching);
    try {
      return await fetching;
    } catch (err) {
      // A failure is not cached: the next request tries again.
      if (this.tokens.get(key) === fetching) this.tokens.delete(key);
      throw err;
    }
  }

  private openDialog(addinId: string, addin: AddinState, requester: Window, params: Record<string, unknown>): { dialogId: string } {
    if (typeof params.url !== 'string') throw new BridgeError('invalid_params', 'ui.openDialog needs params.url, a string.');
    let url: URL;
    try {
      url = new URL(params.url);
    } catch {
      throw new BridgeError('invalid_params', `ui.openDialog: "${params.url}" is not an absolute URL.`);
    }
    if (url.origin !== addin.origin) {
      throw new BridgeError('not_allowed', `ui.openDialog: dialogs may open only pages of the add-in's own origin ${addin.origin}, not ${url.origin}.`);
    }
    const size = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(Math.max(Math.round(v), 200), 2000) : fallback);
    const features = `popup=yes,width=${size(params.width, 520)},height=${size(params.height, 680)}`;
    const open = this.opts.openWindow ?? ((u: string, f: string) => this.opts.window.open(u, '_blank', f));
    const win = open(url.href, features);
    if (!win) throw new BridgeError('host_error', 'The browser blocked the dialog window. Allow pop-ups for the OfficeTools page and try again.');
    const dialogId = `dlg-${++this.sequence}`;
    this.dialogs.set(dialogId, { addinId, win, requester });
    this.startPolling();
    return { dialogId };
  }

  private openHostWindow(addinId: string, addin: AddinState, requester: Window, params: Record<string, unknown>): { windowId: string; width: number; height: number } {
    const { url: rawUrl, title, width, height } = params;
    if (typeof rawUrl !== 'string') throw new BridgeError('invalid_params', 'ui.openWindow needs params.url, a string.');
    if (typeof title !== 'string' || !title.trim() || title.length > HOST_WINDOW_TEXT_MAX) {
      throw new BridgeError('invalid_params', `ui.openWindow needs params.title, a string of 1 to ${HOST_WINDOW_TEXT_MAX} characters.`);
    }
    if (typeof width !== 'number' || !Number.isFinite(width) || typeof height !== 'number' || !Number.isFinite(height)) {
      throw new BridgeError('invalid_params', 'ui.openWindow needs params.width and params.height, numbers of CSS pixels.');
    }
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new BridgeError('invalid_params', `ui.openWindow: "${rawUrl}" is not an absolute URL.`);
    }
    if (url.origin !== addin.origin) {
      throw new BridgeError('not_allowed', `ui.openWindow: a window may show only pages of the add-in's own origin ${addin.origin}, not ${url.origin}.`);
    }
    // Only the panel opens windows; a window opening another, or the hidden runtime opening one, would stack modals.
    const role = [...addin.frames.entries()].find(([, f]) => f.win === requester)?.[0];
    if (role !== 'panel') throw new BridgeError('not_allowed', 'ui.openWindow: only the add-in\'s panel may open a window.');
    const open = this.openWindowOf(addinId);
    if (open) throw new BridgeError('not_allowed', `ui.openWindow: the window "${open.title}" is still open; close it before opening another.`);
    const area = this.opts.ui.windowArea();
    const fit = (asked: number, min: number, room: number) => Math.max(Math.min(min, room), Math.min(Math.round(asked), room));
    const spec: HostWindowSpec = {
      windowId: `win-${++this.sequence}`,
      url: url.href,
      title: title.trim(),
      width: fit(width, HOST_WINDOW_MIN.width, area.width),
      height: fit(height, HOST_WINDOW_MIN.height, area.height),
    };
    this.windows.set(spec.windowId, { addinId, spec, requester });
    this.opts.ui.openWindow(addinId, spec);
    return { windowId: spec.windowId, width: spec.width, height: spec.height };
  }

  /** ui.closeWindow: the window's own page closes itself; the opener closes it by id. */
  private closeWindowFor(addinId: string, addin: AddinState, requester: Window, params: Record<string, unknown>): boolean {
    const { windowId, summary } = params;
    if (windowId !== undefined && typeof windowId !== 'string') throw new BridgeError('invalid_params', 'ui.closeWindow: params.windowId must be a string when given.');
    if (summary !== undefined && (typeof summary !== 'string' || summary.length > HOST_WINDOW_TEXT_MAX)) {
      throw new BridgeError('invalid_params', `ui.closeWindow: params.summary must be a string of at most ${HOST_WINDOW_TEXT_MAX} characters.`);
    }
    const fromWindow = addin.frames.get('window')?.win === requester;
    const id = windowId ?? (fromWindow ? [...this.windows.entries()].find(([, w]) => w.addinId === addinId)?.[0] : undefined);
    if (id === undefined) throw new BridgeError('invalid_params', 'ui.closeWindow needs params.windowId (only a window\'s own page may leave it out).');
    const state = this.windows.get(id);
    if (!state || state.addinId !== addinId) return false;
    return this.closeWindow(id, summary as string | undefined);
  }

  /** Window `close` events do not cross origins, so closed dialogs are found by polling. */
  private startPolling(): void {
    if (this.pollTimer) return;
    this.pollTimer = setInterval(() => {
      for (const [dialogId, dialog] of this.dialogs) {
        if (!dialog.win.closed) continue;
        this.dialogs.delete(dialogId);
        this.sendTo(dialog.addinId, dialog.requester, 'dialogClosed', { dialogId });
      }
      if (this.dialogs.size === 0 && this.pollTimer) {
        clearInterval(this.pollTimer);
        this.pollTimer = undefined;
      }
    }, this.opts.dialogPollMs ?? 500);
  }

  private sendTo<E extends HostEventName>(addinId: string, win: Window, event: E, data: HostEvents[E]): void {
    const addin = this.addins.get(addinId);
    if (!addin) return;
    const frame = [...addin.frames.values()].find((f) => f.win === win);
    if (frame) this.post(addinId, frame, event, data);
  }

  private post<E extends HostEventName>(addinId: string, frame: FrameState, event: E, data: HostEvents[E]): void {
    const addin = this.addins.get(addinId);
    if (addin) frame.win.postMessage(makeEvent(event, data), addin.origin);
  }

  private requireAddin(addinId: string): AddinState {
    const addin = this.addins.get(addinId);
    if (!addin) throw new Error(`Add-in "${addinId}" is not registered with the host bridge; register it before attaching its frames.`);
    return addin;
  }
}

function toHostError(err: unknown): { code: HostErrorCode; message: string } {
  if (err instanceof BridgeError) return { code: err.code, message: err.message };
  if (err instanceof InvalidParamsError) return { code: 'invalid_params', message: err.message };
  if (err instanceof FirmApiError) {
    if (err.status === 404) return { code: 'not_found', message: err.message };
    // No identity for this add-in (not installed for this user) or no such user.
    if (err.status === 401 || err.status === 403) return { code: 'not_allowed', message: err.message };
    if (err.status >= 400 && err.status < 500) return { code: 'invalid_params', message: err.message };
    return { code: 'host_error', message: err.message };
  }
  return { code: 'host_error', message: `The shell failed to answer: ${(err as Error)?.message ?? String(err)}` };
}
