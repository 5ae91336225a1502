/**
 * Every Match-tab job appends one Sync History line for the user's action, with counts, the
 * QBO error codes and intuit_tid, and per-record detail.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHistoryRecorder } from '../../../src/sync/history/history-recorder';
import type { HistoryEntry } from '../../../src/sync/history/history-entry';
import { acceptProposals } from '../../../src/sync/jobs/automatch-links';
import { clearAllLinks, undoClearLinks } from '../../../src/sync/jobs/clear-links';
import { executeExport } from '../../../src/sync/jobs/execute-export';
import { executeImport } from '../../../src/sync/jobs/execute-import';
import { LinkIndex } from '../../../src/sync/jobs/link-index';
import { contactSpec } from '../../../src/sync/jobs/match-spec';
import { planExport } from '../../../src/sync/jobs/plan-export';
import { planImport } from '../../../src/sync/jobs/plan-import';
import type { Contact } from '../../../src/sync/host/protocol';
import type { QboCustomer } from '../../../src/sync/qbo/entities';
import { createQboErrorOfKind } from '../../../src/sync/qbo/errors';
import { FakeGateway, FakeHost, FakeLinks } from './fakes';

const business = (id: string, companyName: string): Contact => ({ id, typeId: 't1', kind: 'business', companyName, displayName: companyName, active: true, updatedAt: '' });

function recorder(): { lines: HistoryEntry[]; history: ReturnType<typeof createHistoryRecorder> } {
  const lines: HistoryEntry[] = [];
  const history = createHistoryRecorder({
    sink: { append: async (e) => void lines.push(e as HistoryEntry) },
    user: { id: 'u1', name: 'Pat Staff' },
    now: () => new Date('2026-12-03T10:00:00.000Z'),
    onError: (e) => assert.fail(String(e)),
  });
  return { lines, history };
}

describe('Sync History of the Match-tab jobs', () => {
  it('an export of 20 contacts with one name taken: one line, "19 created, 1 failed (6240)"', async () => {
    const gateway = new FakeGateway();
    const links = new FakeLinks();
    gateway.add('Customer', { DisplayName: 'Client 7', Active: false });
    const selected = Array.from({ length: 20 }, (_, i) => business(`c${i}`, `Client ${i}`));
    const plan = planExport(contactSpec, { selected, links: LinkIndex.empty(), qboEntities: [], context: { qboAccountByPurpose: {} } });
    const { lines, history } = recorder();
    const result = await executeExport(contactSpec, plan, { gateway, links, history });
    assert.equal(result.created.length, 19);
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.equal(line.what, 'Exported 20 contacts to QuickBooks Online: 19 created, 1 failed (6240)');
    assert.deepEqual([line.kind, line.who, line.userId, line.result, line.errorCode, line.at], ['entityExport', 'Pat Staff', 'u1', 'failed', '6240', '2026-12-03T10:00:00.000Z']);
    assert.deepEqual(line.counts, { ok: 19, failed: 1 });
    assert.equal(line.records?.length, 20);
    const c0 = result.created.find((c) => c.otId === 'c0');
    assert.deepEqual(line.records?.[0], { otId: 'c0', qboId: c0?.qbo.Id, name: 'Client 0', result: 'ok' });
    assert.deepEqual(line.records?.[19], { otId: 'c7', name: 'Client 7', result: 'failed', errorCode: '6240' });
  });

  it("a failed call keeps QBO's code and intuit_tid on the line", async () => {
    const gateway = new FakeGateway();
    gateway.failCall = { call: 1, error: createQboErrorOfKind('auth', { errors: [{ code: '3200', message: 'AuthenticationFailed', detail: 'Token expired' }], status: 401, intuitTid: 'tid-401' }) };
    const plan = planExport(contactSpec, { selected: [business('c1', 'Acme')], links: LinkIndex.empty(), qboEntities: [], context: { qboAccountByPurpose: {} } });
    const { lines, history } = recorder();
    await executeExport(contactSpec, plan, { gateway, links: new FakeLinks(), history });
    assert.equal(lines[0].what, 'Exported 1 contact to QuickBooks Online: 0 created, 1 failed (3200)');
    assert.equal(lines[0].intuitTid, 'tid-401');
    assert.equal(lines[0].errorCode, '3200');
  });

  it('an import records one line; nothing selected that could go records nothing', async () => {
    const host = new FakeHost();
    host.refuse.add('Broken Co');
    const customers: QboCustomer[] = [{ Id: '1', SyncToken: '2', DisplayName: 'Acme', CompanyName: 'Acme' }, { Id: '3', SyncToken: '2', DisplayName: 'Broken Co', CompanyName: 'Broken Co' }];
    const plan = planImport(contactSpec, { selected: customers, links: LinkIndex.empty(), context: { contactTypeId: 't1' } });
    const { lines, history } = recorder();
    await executeImport(contactSpec, plan, { host, links: new FakeLinks(), history });
    assert.equal(lines.length, 1);
    assert.equal(lines[0].what, 'Imported 2 customers from QuickBooks Online: 1 created, 1 failed (invalid_params)');
    assert.equal(lines[0].kind, 'entityImport');

    const empty = planImport(contactSpec, { selected: [], links: LinkIndex.empty(), context: { contactTypeId: 't1' } });
    await executeImport(contactSpec, empty, { host, links: new FakeLinks(), history });
    assert.equal(lines.length, 1, 'no line for an action that did nothing');
  });

  it('clear, undo and Automatch each record one line naming the pairs', async () => {
    const links = new FakeLinks();
    await links.linkMany([
      { kind: 'contact', otId: 'c1', qboId: '58', origin: 'manual' },
      { kind: 'contact', otId: 'c2', qboId: '59', origin: 'manual' },
    ]);
    const { lines, history } = recorder();
    const words = contactSpec.words;
    const cleared = await clearAllLinks(links, 'contact', { recorder: history, words });
    await undoClearLinks(links, cleared, { recorder: history, words });
    await clearAllLinks(links, 'contact', { recorder: history, words });
    await acceptProposals('contact', [{ leftId: 'c1', rightId: '58', score: 0.97, reasons: [] }], LinkIndex.empty(), links, { recorder: history, words, names: () => 'Acme' });
    assert.deepEqual(
      lines.map((l) => [l.kind, l.what]),
      [
        ['linksCleared', 'Cleared all contact links: 2 links removed'],
        ['linksRestored', 'Restored 2 contact links (Undo of Clear all links)'],
        ['linksCleared', 'Cleared all contact links: 2 links removed'],
        ['automatchAccepted', 'Automatch: linked 1 contact'],
      ],
    );
    assert.deepEqual(lines[3].records, [{ otId: 'c1', qboId: '58', name: 'Acme', result: 'ok' }]);
    assert.deepEqual(lines[0].records?.map((r) => r.qboId), ['58', '59']);
  });
});
