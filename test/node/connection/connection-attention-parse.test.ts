/**
 * The panel reads the proxy's `attention` (docs/proxy-api.md, GET /api/status) field by field:
 * what it understands is kept, anything malformed or from a newer proxy is left out, and a
 * status without it reads as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConnectionStatus } from '../../../src/sync/connection/connection-status';

const connected = { connected: true, realmId: '9341450000000001', companyName: 'OfficeTools Workspace', country: 'US' };

test('a connected status keeps refreshExpiring and companyChanged', () => {
  const status = parseConnectionStatus({
    ...connected,
    attention: [
      { kind: 'refreshExpiring', expiresAt: '2026-12-09T00:00:00.000Z' },
      { kind: 'companyChanged', previousRealmId: '9341450000000002', previousCompanyName: 'Maple Leaf Bookkeeping Ltd.', at: '2026-12-01T10:00:00.000Z', by: { id: 'u-1', name: 'Lee Ortega' } },
    ],
  });
  assert.ok(status?.connected);
  assert.deepEqual(status.attention, [
    { kind: 'refreshExpiring', expiresAt: '2026-12-09T00:00:00.000Z' },
    { kind: 'companyChanged', previousRealmId: '9341450000000002', previousCompanyName: 'Maple Leaf Bookkeeping Ltd.', at: '2026-12-01T10:00:00.000Z', by: { id: 'u-1', name: 'Lee Ortega' } },
  ]);
});

test('a disconnected status keeps a lapse; unknown kinds and malformed entries are dropped', () => {
  const status = parseConnectionStatus({
    connected: false,
    attention: [
      { kind: 'lapsed', reason: 'revoked', realmId: '9341450000000001', companyName: 'OfficeTools Workspace', at: '2026-12-03T03:00:00.000Z' },
      { kind: 'lapsed', reason: 'stolen', realmId: '1' },
      { kind: 'somethingNew', detail: 1 },
      'text',
      null,
    ],
  });
  assert.deepEqual(status, { connected: false, attention: [{ kind: 'lapsed', reason: 'revoked', realmId: '9341450000000001', companyName: 'OfficeTools Workspace', at: '2026-12-03T03:00:00.000Z' }] });
});

test('no attention reads as before', () => {
  assert.deepEqual(parseConnectionStatus({ connected: false, attention: 'nope' }), { connected: false });
  assert.equal((parseConnectionStatus(connected) as { attention?: unknown }).attention, undefined);
});
