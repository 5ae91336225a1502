/**
 * The OAuth code flow, bound to the identity that started it (docs/firm-contract.md §2):
 *
 * 1. `POST /api/auth/start` (identified) issues a one-time ticket bound to (firm, user, flowId);
 * 2. `GET /auth/start?t=` (the dialog window) takes the ticket, issues the CSRF state and the
 *    browser-binding cookie, and redirects to Intuit;
 * 3. `GET /auth/callback` takes the state, checks the cookie and the code's single use,
 *    exchanges the code, reads CompanyInfo, and parks the tokens (sealed) as a pending
 *    completion; the page hands the completion value to the shell only;
 * 4. `POST /api/auth/complete` (identified) attaches them to the caller's firm, only when the
 *    caller is the firm and user of step 1. So a link started by someone else and opened in a
 *    victim's browser connects nothing: the completion never reaches the starter, and the
 *    victim's add-in cannot complete a flow that is not its own.
 *
 * Unredeemed completions expire after 10 minutes; the sweep revokes their grants at Intuit.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error';
import { renderCallbackPage, type CallbackOutcome } from './callback-page';
import { readCompanyInfo } from './company-info';
import type { ProxyConfig } from './config';
import type { FirmEventBus } from './firm/event-bus';
import type { Identity } from './identity/identity';
import type { IntuitClient } from './intuit-client';
import { IntuitError } from './intuit-error';
import { companyChangeAfterConnect, type ConnectionNotices } from './store/connection-notices';
import type { Connection, StaffRef, TokenSet } from './store/connections';
import type { FirmStore } from './store/firm-store';
import { digest, type PendingEntry } from './store/pending-authorizations';
import { open, seal } from './token-cipher';
import type { TokenRefresher } from './token-refresher';

const BINDING_COOKIE = 'qbo_oauth_binding';
/** The status warns this long before Intuit's refresh token runs out (issue 14: "within 7 days"). */
export const REFRESH_WARNING_MS = 7 * 86_400_000;
const REALM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Headers of every page the dialog window shows: never framed, never sniffed, never cached. */
const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "frame-ancestors 'none'",
};

interface ParkedAuthorization {
  tokens: TokenSet;
  realmId: string;
  companyName: string;
  country: string;
  intuitEmail?: string;
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface ConnectFlowDeps {
  config: ProxyConfig;
  store: FirmStore;
  key: Buffer;
  intuit: IntuitClient;
  refresher: TokenRefresher;
  bus: FirmEventBus;
  now: () => number;
  log: (line: string) => void;
}

export function createConnectFlow(deps: ConnectFlowDeps) {
  const { config, store, key, intuit, refresher, bus, now, log } = deps;
  const secureCookie = config.publicUrl.startsWith('https:') ? '; Secure' : '';

  /** Revokes at Intuit; false when Intuit could not be asked (the grant may still be live there). */
  const revoke = async (refreshToken: string): Promise<boolean> => {
    try {
      await intuit.revoke(refreshToken);
      return true;
    } catch (err) {
      const e = err as IntuitError;
      log(`revoke failed: ${e.code}${e.status ? ` (HTTP ${e.status})` : ''}`);
      // A 400 means Intuit no longer knows the token: nothing is left to revoke.
      return e.status === 400;
    }
  };

  /**
   * The status every panel shows, with what needs attention: a refresh token about to run
   * out, a grant Intuit stopped accepting (the connection is then gone, or its refresh token's
   * life is over though nobody has called since), a reconnect to another company.
   */
  const statusBody = (c: Connection | null, notices: ConnectionNotices): Record<string, unknown> => {
    const at = now();
    if (c && c.tokens.refreshTokenExpiresAt <= at) {
      const lapse = { kind: 'lapsed', reason: 'expired', realmId: c.realmId, companyName: c.companyName, at: new Date(c.tokens.refreshTokenExpiresAt).toISOString() };
      return { connected: false, attention: [lapse] };
    }
    if (!c) return notices.lapse ? { connected: false, attention: [{ kind: 'lapsed', ...notices.lapse }] } : { connected: false };
    const attention: Record<string, unknown>[] = [];
    if (c.tokens.refreshTokenExpiresAt - at <= REFRESH_WARNING_MS) {
      attention.push({ kind: 'refreshExpiring', expiresAt: new Date(c.tokens.refreshTokenExpiresAt).toISOString() });
    }
    if (notices.companyChange) attention.push({ kind: 'companyChanged', ...notices.companyChange });
    return {
      connected: true,
      realmId: c.realmId,
      companyName: c.companyName,
      country: c.country,
      connectedAt: c.connectedAt,
      connectedBy: c.connectedBy,
      ...(c.intuitEmail ? { intuitEmail: c.intuitEmail } : {}),
      accessTokenExpiresAt: new Date(c.tokens.accessTokenExpiresAt).toISOString(),
      refreshTokenExpiresAt: new Date(c.tokens.refreshTokenExpiresAt).toISOString(),
      ...(attention.length ? { attention } : {}),
    };
  };

  /** Appends to the firm's replicated history, so every staff member's panel shows it. */
  const pushHistory = async (firmId: string, who: StaffRef, realmId: string, what: string, detail: string, extra: Record<string, unknown> = {}): Promise<void> => {
    const outcome = await store.records.push(firmId, realmId, who, [
      {
        collection: 'history',
        id: `h-${randomBytes(12).toString('hex')}`,
        baseRev: null,
        body: { at: new Date(now()).toISOString(), who: who.name, userId: who.id, what, result: 'ok', detail, ...extra },
      },
    ]);
    if (outcome.ok) bus.publish(firmId, { type: 'changes', realmId, checkpoint: outcome.checkpoint });
  };
  const recordHistory = (identity: Identity, realmId: string, what: string, detail: string): Promise<void> =>
    pushHistory(identity.firmId, { id: identity.userId, name: identity.name }, realmId, what, detail);

  function page(res: ServerResponse, status: number, outcome: CallbackOutcome, headers: Record<string, string> = {}): void {
    const html = renderCallbackPage(outcome, config.shellOrigin);
    res.writeHead(status, { ...headers, ...PAGE_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
    res.end(html);
  }

  const parked = (entry: PendingEntry): ParkedAuthorization | null => {
    const plain = entry.sealed === null ? null : open(key, entry.sealed, entry.firmId);
    return plain === null ? null : (JSON.parse(plain) as ParkedAuthorization);
  };

  /** Takes the caller's own completion or refuses it (unknown/used/expired: 400; someone else's: 403). */
  const takeCompletion = async (identity: Identity, payload: unknown): Promise<{ entry: PendingEntry; auth: ParkedAuthorization }> => {
    const completion = (payload as { completion?: unknown } | null)?.completion;
    const unknown = new ApiError(400, 'completion_unknown', 'This connection attempt is unknown, was already completed or has expired (10 minutes). Click Connect to QuickBooks Online again.');
    if (typeof completion !== 'string' || completion.length > 100) throw unknown;
    const peeked = await store.pending.peek('completion', completion);
    if (!peeked) throw unknown;
    if (peeked.firmId !== identity.firmId || peeked.userId !== identity.userId) {
      log('auth complete refused: flow started by another firm or user');
      throw new ApiError(403, 'flow_not_yours', 'This QuickBooks authorization was started by someone else, so it cannot connect your firm. Click Connect to QuickBooks Online to start your own.');
    }
    const entry = await store.pending.take('completion', completion);
    const auth = entry && parked(entry);
    if (!entry || !auth) throw unknown;
    return { entry, auth };
  };

  return {
    status: async (identity: Identity) => {
      const [connection, notices] = await Promise.all([store.connections.get(identity.firmId), store.notices.get(identity.firmId)]);
      return statusBody(connection, notices);
    },

    async start(identity: Identity): Promise<{ url: string; flowId: string }> {
      if (!intuit.configured) {
        throw new ApiError(503, 'oauth_not_configured', 'The proxy has no Intuit app credentials. Set INTUIT_CLIENT_ID and INTUIT_CLIENT_SECRET (npm start does this for the local sandbox) and restart.');
      }
      // Each link parks state for 10 minutes: a user gets a few at a time, not thousands.
      if ((await store.pending.countOpen('ticket', identity.firmId, identity.userId)) >= config.limits.connectLinksPerUser) {
        throw new ApiError(429, 'too_many_links', `You have ${config.limits.connectLinksPerUser} connect links open already. Use one of them, or wait up to 10 minutes for them to expire.`, { 'Retry-After': '60' });
      }
      const flowId = randomBytes(16).toString('base64url');
      const ticket = await store.pending.issue('ticket', { firmId: identity.firmId, userId: identity.userId, flowId });
      return { url: `${config.publicUrl}/auth/start?t=${ticket}`, flowId };
    },

    async startPage(res: ServerResponse, url: URL): Promise<void> {
      const ticket = await store.pending.take('ticket', url.searchParams.get('t') ?? '');
      if (!ticket) {
        return page(res, 400, { status: 'error', message: 'This connect link has expired or was already used. Close this window and click Connect to QuickBooks Online again.' });
      }
      const browserBinding = randomBytes(32).toString('base64url');
      const state = await store.pending.issue('state', ticket, { bindingHash: digest(browserBinding) });
      res.writeHead(302, {
        ...PAGE_HEADERS,
        Location: intuit.authorizeUrl(state),
        'Set-Cookie': `${BINDING_COOKIE}=${browserBinding}; Path=/auth/callback; HttpOnly; SameSite=Lax; Max-Age=600${secureCookie}`,
      });
      res.end();
    },

    async callback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
      const clearCookie = { 'Set-Cookie': `${BINDING_COOKIE}=; Path=/auth/callback; HttpOnly; SameSite=Lax; Max-Age=0${secureCookie}` };
      const fail = (message: string) => page(res, 400, { status: 'error', message }, clearCookie);
      const q = url.searchParams;
      const grant = await store.pending.take('state', q.get('state') ?? '');
      if (!grant) return fail('This sign-in has expired or was already completed. Close this window and click Connect to QuickBooks Online again.');
      const binding = cookie(req, BINDING_COOKIE);
      if (!binding || digest(binding) !== grant.bindingHash) {
        return fail('This sign-in was not started in this browser window. Close this window and click Connect to QuickBooks Online again.');
      }
      const error = q.get('error');
      if (error) {
        if (error === 'access_denied') return page(res, 200, { status: 'denied' }, clearCookie);
        const safe = /^[a-z_]{1,40}$/.test(error) ? error : 'unknown_error';
        return fail(`Intuit did not authorize the connection (${safe}). Click Connect to QuickBooks Online to try again.`);
      }
      const code = q.get('code') ?? '';
      const realmId = q.get('realmId') ?? '';
      if (!code || !REALM_ID.test(realmId)) return fail('Intuit sent back no authorization code or company. Click Connect to QuickBooks Online to try again.');
      if (!(await store.pending.firstUseOfCode(code))) return fail('This authorization code was already used. Click Connect to QuickBooks Online to try again.');

      let tokens: TokenSet;
      try {
        tokens = await intuit.exchangeCode(code, realmId);
      } catch (err) {
        const e = err instanceof IntuitError ? err : new IntuitError('exchange', 'unknown', undefined, 'Exchanging the authorization code failed. Connect again.');
        log(`code exchange failed: ${e.code}${e.status ? ` (HTTP ${e.status})` : ''}`);
        return fail(e.message);
      }
      let company;
      try {
        company = await readCompanyInfo(config.endpoints.apiBase, realmId, tokens.accessToken);
      } catch (err) {
        const e = err as IntuitError;
        log(`companyinfo after connect failed: ${e.code}`);
        await revoke(tokens.refreshToken);
        return fail(e.message);
      }
      let intuitEmail: string | undefined;
      try {
        intuitEmail = (await intuit.userInfo(tokens.accessToken)).email;
      } catch {
        // Who authorized at Intuit is a nicety for the status; the connection works without it.
      }
      const auth: ParkedAuthorization = { tokens, realmId, companyName: company.companyName, country: company.country, ...(intuitEmail ? { intuitEmail } : {}) };
      const completion = await store.pending.issue('completion', grant, { sealed: seal(key, JSON.stringify(auth), grant.firmId) });
      log(`authorized realm ${realmId} (${company.country || 'country unknown'}); waiting for the add-in to complete`);
      page(res, 200, { status: 'authorized', completion, flowId: grant.flowId, realmId, companyName: company.companyName, country: company.country }, clearCookie);
    },

    async complete(identity: Identity, payload: unknown): Promise<Record<string, unknown>> {
      const { auth } = await takeCompletion(identity, payload);
      await refresher.settled(identity.firmId);
      const previous = await store.connections.get(identity.firmId);
      if (previous && previous.realmId !== auth.realmId) {
        // Switching companies: the old grant would otherwise stay live at Intuit with no owner.
        await revoke(previous.tokens.refreshToken);
      }
      const connection: Connection = {
        connectionId: randomBytes(12).toString('hex'),
        realmId: auth.realmId,
        companyName: auth.companyName,
        country: auth.country,
        connectedAt: new Date(now()).toISOString(),
        connectedBy: { id: identity.userId, name: identity.name },
        ...(auth.intuitEmail ? { intuitEmail: auth.intuitEmail } : {}),
        tokens: auth.tokens,
      };
      const notices = await store.notices.get(identity.firmId);
      const change = companyChangeAfterConnect(
        notices,
        previous ? { realmId: previous.realmId, companyName: previous.companyName } : notices.last,
        { realmId: auth.realmId },
        connection.connectedAt,
        connection.connectedBy,
      );
      await store.connections.put(identity.firmId, connection);
      await store.notices.recordConnect(identity.firmId, { realmId: auth.realmId, companyName: auth.companyName }, change);
      log(`connected realm ${auth.realmId} for a firm${change ? ' (another company than before)' : ''}`);
      await recordHistory(identity, auth.realmId, 'connected', `Connected to ${auth.companyName}`);
      bus.publish(identity.firmId, { type: 'connection' });
      return statusBody(connection, { ...notices, companyChange: change ?? undefined });
    },

    /**
     * Intuit stopped accepting the firm's grant and the refresher forgot the connection: the
     * lapse is remembered for every staff member's banner, recorded in the company's history
     * (a disconnect nobody here made), and told to open panels now.
     */
    async lapsed(firmId: string, lost: Connection, reason: 'revoked' | 'expired'): Promise<void> {
      await store.notices.recordLapse(firmId, { reason, realmId: lost.realmId, companyName: lost.companyName, at: new Date(now()).toISOString() });
      log(`the connection of realm ${lost.realmId} lapsed (${reason}); the firm must reconnect`);
      const detail =
        reason === 'revoked'
          ? `QuickBooks Online stopped accepting the connection to ${lost.companyName} (revoked there, or its user lost access)`
          : `The connection to ${lost.companyName} expired (unused for 100 days)`;
      // Nobody here did it: the history names QuickBooks Online as the one who ended it.
      await pushHistory(firmId, { id: 'quickbooks-online', name: 'QuickBooks Online' }, lost.realmId, 'connection lapsed', detail, { result: 'failed', kind: 'disconnect', errorCode: reason });
      bus.publish(firmId, { type: 'connection' });
    },

    /** The firm means to work with the company it reconnected to: the company change is no longer shown. */
    async keepCompany(identity: Identity): Promise<Record<string, unknown>> {
      const connection = await store.connections.get(identity.firmId);
      if (!connection) throw new ApiError(409, 'not_connected', 'The firm is not connected to QuickBooks Online any more, so there is no company to keep. Connect first.');
      const notices = await store.notices.get(identity.firmId);
      if (await store.notices.clearCompanyChange(identity.firmId)) {
        const from = notices.companyChange?.previousCompanyName || 'the previous company';
        await recordHistory(identity, connection.realmId, 'company change confirmed', `Kept ${connection.companyName} instead of ${from}`);
        bus.publish(identity.firmId, { type: 'connection' });
      }
      return statusBody(connection, { ...notices, companyChange: undefined });
    },

    async cancel(identity: Identity, payload: unknown): Promise<{ cancelled: true }> {
      const { auth } = await takeCompletion(identity, payload);
      await revoke(auth.tokens.refreshToken);
      return { cancelled: true };
    },

    async disconnect(identity: Identity): Promise<Record<string, unknown>> {
      await refresher.settled(identity.firmId);
      const connection = await store.connections.get(identity.firmId);
      if (!connection) {
        // A lapsed connection: disconnecting is the firm saying it knows.
        await store.notices.clearOnDisconnect(identity.firmId);
        bus.publish(identity.firmId, { type: 'connection' });
        return { connected: false, revoked: true };
      }
      const revoked = await revoke(connection.tokens.refreshToken);
      await store.connections.remove(identity.firmId, connection.connectionId);
      await store.notices.clearOnDisconnect(identity.firmId);
      log(`disconnected realm ${connection.realmId}${revoked ? '' : ' (Intuit could not be reached to revoke)'}`);
      await recordHistory(identity, connection.realmId, 'disconnected', `Disconnected from ${connection.companyName}`);
      bus.publish(identity.firmId, { type: 'connection' });
      return {
        connected: false,
        revoked,
        ...(revoked ? {} : { message: 'Disconnected here, but Intuit could not be reached to revoke access. Remove the app in QuickBooks Online (Apps > My apps) to be sure.' }),
      };
    },

    /** Deletes expired one-time values; revokes the grants of completions nobody redeemed. */
    async sweep(): Promise<number> {
      const expired = await store.pending.sweep();
      for (const entry of expired) {
        const auth = parked(entry);
        if (auth) await revoke(auth.tokens.refreshToken);
      }
      if (expired.length) log(`swept ${expired.length} unredeemed authorization(s); their grants were revoked`);
      return expired.length;
    },
  };
}

export type ConnectFlow = ReturnType<typeof createConnectFlow>;
