/**
 * History lines recorded through a real FirmData (IndexedDB replica over an in-memory firm
 * with the proxy's rules), read back by a second staff member's replica.
 */
import { expect } from 'chai';
import { deleteDB } from 'idb';
import { entityExportHistory, contactAutoUpdateHistory, linkRemovedHistory } from '../../../src/sync/history/history-builders';
import { toHistoryLine } from '../../../src/sync/history/history-entry';
import { createHistoryRecorder, type HistoryDraft } from '../../../src/sync/history/history-recorder';
import { openFirmData, type FirmData } from '../../../src/sync/replication/open-firm-data';
import { MemoryFirm } from '../replication/support/memory-firm';

const REALM = '9130350';
const WORDS = { ot: 'contact', otPlural: 'contacts', qbo: 'customer', qboPlural: 'customers' };

describe('Sync History recorder', () => {
  const names: string[] = [];
  const opened: FirmData[] = [];
  let firm: MemoryFirm;

  const open = async (user: { id: string; name: string }): Promise<FirmData> => {
    const dbName = `history-recorder-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    names.push(dbName);
    const data = await openFirmData({ realmId: REALM, user, remote: firm.remoteFor(user), dbName });
    opened.push(data);
    return data;
  };

  beforeEach(() => {
    firm = new MemoryFirm();
  });

  afterEach(async () => {
    for (const d of opened.splice(0)) d.close();
    for (const n of names.splice(0)) await deleteDB(n);
  });

  it('records who (name and id), when, the kind, counts and per-record detail, and another replica reads them', async () => {
    const pat = await open({ id: 'u1', name: 'Pat Staff' });
    const recorder = createHistoryRecorder({ sink: pat.history, user: async () => ({ id: 'u1', name: 'Pat Staff' }), now: () => new Date('2026-12-03T10:00:00.000Z') });
    const created = Array.from({ length: 19 }, (_, i) => ({ otId: `c${i}`, name: `Client ${i}`, qboId: String(100 + i) }));
    await recorder.record(entityExportHistory(WORDS, created, [{ id: 'c19', name: 'Acme', code: 'duplicateName', qboCode: '6240', intuitTid: 'tid-9' }]));
    await recorder.record(linkRemovedHistory(WORDS, [{ otId: 'c1', qboId: '101', name: 'Client 1' }]));

    const sam = await open({ id: 'u2', name: 'Sam Ortiz' });
    await sam.replication.pullNow();
    const lines = (await sam.history.list()).map(toHistoryLine);
    expect(lines).to.have.length(2);
    const [exp, unlink] = lines;
    expect(exp).to.deep.include({
      at: '2026-12-03T10:00:00.000Z',
      who: 'Pat Staff',
      userId: 'u1',
      kind: 'entityExport',
      what: 'Exported 20 contacts to QuickBooks Online: 19 created, 1 failed (6240)',
      result: 'failed',
      errorCode: '6240',
      intuitTid: 'tid-9',
    });
    expect(exp.counts).to.deep.equal({ ok: 19, failed: 1 });
    expect(exp.records).to.have.length(20);
    expect(exp.records?.[19]).to.deep.equal({ otId: 'c19', name: 'Acme', result: 'failed', errorCode: '6240', intuitTid: 'tid-9' });
    expect(exp.qboId).to.equal(undefined, 'no single QuickBooks Id for a bulk action');
    expect(unlink).to.deep.include({ kind: 'linkRemoved', what: 'Unlinked contact "Client 1" and QuickBooks Online customer 101', qboId: '101', result: 'ok' });
    expect(typeof unlink.id).to.equal('string', "the firm's id of the line");
  });

  it('never fails the action when the line cannot be written, and says so to onError', async () => {
    const errors: Array<{ error: unknown; draft: HistoryDraft }> = [];
    const recorder = createHistoryRecorder({
      sink: { append: () => Promise.reject(new Error('disk full')) },
      user: { id: 'u1', name: 'Pat' },
      onError: (error, draft) => errors.push({ error, draft }),
    });
    const draft = contactAutoUpdateHistory({ result: 'failed', contactId: 'c1', name: 'Acme', code: 'qbo_6000', message: 'Rejected.', intuitTid: 't' });
    await recorder.record(draft);
    expect(errors).to.have.length(1);
    expect((errors[0].error as Error).message).to.equal('disk full');
    expect(errors[0].draft.what).to.equal('Contact "Acme" not sent to QuickBooks Online');
  });

  it('asks for the user again after a failed ask, and uses the id when the name is empty', async () => {
    const written: unknown[] = [];
    let asks = 0;
    const recorder = createHistoryRecorder({
      sink: { append: async (e) => void written.push(e) },
      user: async () => {
        asks++;
        if (asks === 1) throw new Error('host busy');
        return { id: 'u7', name: '' };
      },
      onError: () => undefined,
    });
    await recorder.record(linkRemovedHistory(WORDS, [{ otId: 'c1', qboId: '1' }]));
    expect(written).to.have.length(0);
    await recorder.record(linkRemovedHistory(WORDS, [{ otId: 'c1', qboId: '1' }]));
    await recorder.record(linkRemovedHistory(WORDS, [{ otId: 'c2', qboId: '2' }]));
    expect(asks).to.equal(2, 'asked once more, then kept');
    expect(written.map((w) => (w as { who: string }).who)).to.deep.equal(['u7', 'u7']);
  });
});
