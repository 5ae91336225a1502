/**
 * A small in-memory stand-in for the firm's run leases with the proxy's rules (expiry, the same
 * user's page renews, the same user in the same browser takes over only when it says it holds
 * the browser's lock), for browser tests of the run guard over Chromium's real Web Locks. The
 * proxy's own rules are tested against the real proxy and both databases in
 * test/node/proxy/run-leases*.test.ts.
 */
import type { RunLeaseHolder, RunLeaseRemote, TakeLease } from '../../../src/sync/jobs/run-lease-remote';

interface Row {
  who: string;
  instance: string;
  browser: string;
  acquiredAt: number;
  expiresAt: number;
}

export interface MemoryFirm {
  /** The leases as one staff member's page calls them. */
  as(who: string): RunLeaseRemote;
  rows: Map<string, Row>;
}

export function memoryFirm(clock: { now: number }): MemoryFirm {
  const rows = new Map<string, Row>();
  const show = (r: Row, browser: string): RunLeaseHolder => ({
    holder: { id: r.who, name: r.who },
    instance: r.instance,
    sameBrowser: r.browser === browser,
    acquiredAt: new Date(r.acquiredAt).toISOString(),
    expiresAt: new Date(r.expiresAt).toISOString(),
  });
  const as = (who: string): RunLeaseRemote => ({
    async get(realmId, name, browser) {
      const r = rows.get(`${realmId}/${name}`);
      return r && r.expiresAt > clock.now ? show(r, browser) : null;
    },
    async take(realmId, name, req: TakeLease) {
      const key = `${realmId}/${name}`;
      const r = rows.get(key);
      const own = r?.who === who && (r.instance === req.instance || (req.takeOverBrowser && r.browser === req.browser));
      if (!r || r.expiresAt <= clock.now || own) {
        const next = { who, instance: req.instance, browser: req.browser, acquiredAt: r?.instance === req.instance ? r.acquiredAt : clock.now, expiresAt: clock.now + req.ttlMs };
        rows.set(key, next);
        return { held: true, lease: show(next, req.browser) };
      }
      return { held: false, lease: show(r, req.browser) };
    },
    async release(realmId, name, instance) {
      const key = `${realmId}/${name}`;
      if (rows.get(key)?.instance === instance) rows.delete(key);
    },
  });
  return { as, rows };
}
