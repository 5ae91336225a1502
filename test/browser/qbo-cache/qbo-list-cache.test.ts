/**
 * The QuickBooks list cache in real IndexedDB (its own database), the same contract kept in
 * memory, and the CDC refresh on top of it against a QBO edge with CDC's rules.
 */
import { expect } from 'chai';
import { deleteDB, openDB } from 'idb';
import type { QboRecord } from '../../../src/sync/qbo/gateway';
import type { ListCachePort } from '../../../src/sync/qbo-cache/list-cache-port';
import { MemoryListCache } from '../../../src/sync/qbo-cache/memory-list-cache';
import { QboListCache } from '../../../src/sync/qbo-cache/qbo-list-cache';
import { readQboList, readQboListAhead } from '../../../src/sync/qbo-cache/refresh-qbo-list';
import { sharedQboListCache } from '../../../src/sync/qbo-cache/shared-cache';
import { CdcGateway } from './cdc-gateway';

const REALM = '9130350';
const OTHER = '9130351';
const DAY = 86_400_000;
const mark = (ms: number) => ({ syncedAt: new Date(ms).toISOString(), syncedAtMs: ms, via: 'full' as const });
const names = (rows: QboRecord[]) => rows.map((r) => String(r.DisplayName ?? r.Name)).sort();

let dbCount = 0;
const stores: Array<[string, () => Promise<{ cache: ListCachePort; done(): Promise<void> }>]> = [
  [
    'IndexedDB',
    async () => {
      const name = `qbo-cache-test-${Date.now()}-${dbCount++}`;
      const cache = await QboListCache.open(name);
      return {
        cache,
        done: async () => {
          cache.close();
          await deleteDB(name);
        },
      };
    },
  ],
  ['memory', async () => ({ cache: new MemoryListCache(), done: async () => undefined })],
];

for (const [label, make] of stores) {
  describe(`list cache (${label})`, () => {
    let cache: ListCachePort;
    let done: () => Promise<void>;
    beforeEach(async () => ({ cache, done } = await make()));
    afterEach(() => done());

    it('keeps each list of each company apart, and knows when a list was complete', async () => {
      await cache.replace(REALM, 'Customer', [{ Id: '1', DisplayName: 'Acme' }, { Id: '2', DisplayName: 'Beta' }], mark(1000));
      await cache.replace(REALM, 'Item', [{ Id: '1', Name: 'Hours' }], mark(2000));
      await cache.replace(OTHER, 'Customer', [{ Id: '1', DisplayName: 'Other Co' }], mark(3000));
      const customers = await cache.read(REALM, 'Customer');
      expect(names(customers.rows)).to.deep.equal(['Acme', 'Beta']);
      expect(customers.mark).to.include({ realmId: REALM, entity: 'Customer', syncedAtMs: 1000 });
      expect(names((await cache.read(REALM, 'Item')).rows)).to.deep.equal(['Hours']);
      expect(names((await cache.read(OTHER, 'Customer')).rows)).to.deep.equal(['Other Co']);
      expect((await cache.read(REALM, 'Employee')).mark).to.equal(undefined);
      expect((await cache.marks(REALM)).map((m) => m.entity).sort()).to.deep.equal(['Customer', 'Item']);
    });

    it('a full read replaces the list; changes update, add and remove single rows and move the marks together', async () => {
      await cache.replace(REALM, 'Customer', [{ Id: '1', DisplayName: 'Acme' }, { Id: '2', DisplayName: 'Beta' }, { Id: '10', DisplayName: 'Ten' }], mark(1000));
      await cache.replace(REALM, 'Customer', [{ Id: '1', DisplayName: 'Acme' }, { Id: '3', DisplayName: 'Gamma' }], mark(1500));
      expect(names((await cache.read(REALM, 'Customer')).rows)).to.deep.equal(['Acme', 'Gamma']);
      await cache.replace(REALM, 'Item', [], mark(1500));
      await cache.apply(
        REALM,
        new Map([
          ['Customer', { upserts: [{ Id: '1', DisplayName: 'Acme Corp' }, { Id: '4', DisplayName: 'Delta' }], removals: ['3'] }],
          ['Item', { upserts: [], removals: [] }],
        ]),
        { syncedAt: 't2', syncedAtMs: 2000, via: 'cdc' },
      );
      const after = await cache.read(REALM, 'Customer');
      expect(names(after.rows)).to.deep.equal(['Acme Corp', 'Delta']);
      expect(after.mark).to.include({ syncedAt: 't2', via: 'cdc' });
      expect((await cache.read(REALM, 'Item')).mark).to.include({ syncedAtMs: 2000 });
    });

    it('dropping marks and clearing a company forget what they should and nothing else', async () => {
      await cache.replace(REALM, 'Customer', [{ Id: '1', DisplayName: 'Acme' }], mark(1000));
      await cache.replace(OTHER, 'Customer', [{ Id: '1', DisplayName: 'Other Co' }], mark(1000));
      await cache.dropMarks(REALM, ['Customer']);
      expect((await cache.read(REALM, 'Customer')).mark).to.equal(undefined);
      await cache.clearRealm(REALM);
      expect((await cache.read(REALM, 'Customer')).rows).to.have.length(0);
      expect(names((await cache.read(OTHER, 'Customer')).rows)).to.deep.equal(['Other Co']);
      expect(await cache.marks(OTHER)).to.have.length(1);
    });

    it('a list larger than one chunk keeps every row through a full read and changes', async () => {
      const rows = Array.from({ length: 2500 }, (_, i) => ({ Id: String(i + 1), DisplayName: `C${i + 1}` }));
      await cache.replace(REALM, 'Customer', rows, mark(1000));
      await cache.apply(
        REALM,
        new Map([['Customer', { upserts: [{ Id: '1500', DisplayName: 'Renamed' }, { Id: '9999', DisplayName: 'New' }], removals: ['1', '2500'] }]]),
        { syncedAt: 't2', syncedAtMs: 2000, via: 'cdc' },
      );
      const after = (await cache.read(REALM, 'Customer')).rows;
      expect(after).to.have.length(2499);
      expect(new Set(after.map((r) => r.Id)).size).to.equal(2499);
      const byId = new Map(after.map((r) => [r.Id, r.DisplayName]));
      expect([byId.get('1500'), byId.get('9999'), byId.has('1'), byId.has('2500'), byId.get('2499')]).to.deep.equal(['Renamed', 'New', false, false, 'C2499']);
      await cache.replace(REALM, 'Customer', rows.slice(0, 10), mark(3000));
      expect((await cache.read(REALM, 'Customer')).rows).to.have.length(10);
    });

    it('hands out copies: changing a row read does not change the cache', async () => {
      await cache.replace(REALM, 'Customer', [{ Id: '1', DisplayName: 'Acme' }], mark(1000));
      (await cache.read(REALM, 'Customer')).rows[0].DisplayName = 'Changed';
      expect(names((await cache.read(REALM, 'Customer')).rows)).to.deep.equal(['Acme']);
    });
  });
}

describe('list cache in IndexedDB: chunks of JSON text', () => {
  let cache: QboListCache;
  let name: string;
  const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ Id: String(from + i), DisplayName: `C${from + i}` }));
  /** The stored chunks of the Customer list, as they are in IndexedDB: chunk number → JSON text. */
  async function storedChunks(): Promise<Map<number, string>> {
    const db = await openDB(name);
    try {
      const all = (await db.getAll('chunks', IDBKeyRange.bound([REALM, 'Customer'], [REALM, 'Customer', []]))) as Array<{ n: number; json: string }>;
      return new Map(all.map((c) => [c.n, c.json]));
    } finally {
      db.close();
    }
  }

  beforeEach(async () => {
    name = `qbo-cache-chunks-${Date.now()}-${dbCount++}`;
    cache = await QboListCache.open(name);
  });
  afterEach(async () => {
    cache.close();
    await deleteDB(name);
  });

  it('a change rewrites only the chunk that holds the row; new rows fill the last chunk, then a new one; an emptied chunk is deleted', async () => {
    await cache.replace(REALM, 'Customer', rows(1, 2500), mark(1000));
    const before = await storedChunks();
    expect([...before.keys()]).to.deep.equal([0, 1, 2]);
    const cdc = (upserts: QboRecord[], removals: string[], ms: number) =>
      cache.apply(REALM, new Map([['Customer', { upserts, removals }]]), { syncedAt: `t${ms}`, syncedAtMs: ms, via: 'cdc' });

    await cdc([{ Id: '1500', DisplayName: 'Renamed' }], [], 2000);
    const renamed = await storedChunks();
    expect([renamed.get(0) === before.get(0), renamed.get(1) === before.get(1), renamed.get(2) === before.get(2)]).to.deep.equal([true, false, true]);

    await cdc(rows(9001, 9600), [], 3000); // 500 fit in chunk 2, the other 100 start chunk 3
    const grown = await storedChunks();
    expect([...grown.keys()]).to.deep.equal([0, 1, 2, 3]);
    expect([grown.get(0) === before.get(0), grown.get(1) === renamed.get(1)]).to.deep.equal([true, true]);
    expect((JSON.parse(grown.get(2)!) as unknown[]).length).to.equal(1000);
    expect((JSON.parse(grown.get(3)!) as unknown[]).length).to.equal(100);

    await cdc([], rows(9501, 9600).map((r) => r.Id), 4000);
    expect([...(await storedChunks()).keys()]).to.deep.equal([0, 1, 2]);
    await cdc([{ Id: '9999', DisplayName: 'After' }], [], 5000);
    expect([...(await storedChunks()).keys()]).to.deep.equal([0, 1, 2, 3]);

    const after = await cache.read(REALM, 'Customer');
    expect(after.rows).to.have.length(3001);
    const byId = new Map(after.rows.map((r) => [r.Id, r.DisplayName]));
    expect([byId.get('1500'), byId.get('9500'), byId.has('9501'), byId.get('9999'), byId.get('2500')]).to.deep.equal(['Renamed', 'C9500', false, 'After', 'C2500']);
    expect(after.mark).to.include({ syncedAtMs: 5000, via: 'cdc' });
  });

  it('applies 1,000 changes over 20,000 rows in one pass per chunk (an export of 1,000 contacts, seen by the next CDC)', async () => {
    // About the size of a real Customer (QBO sends some 40 fields): ~700 bytes of JSON each.
    const all = rows(1, 20_000).map((r) => ({ ...r, BillAddr: { Line1: `${r.Id} Main Street`, City: 'Springfield', CountrySubDivisionCode: 'IL', PostalCode: '62701' }, PrimaryEmailAddr: { Address: `c${r.Id}@example.com` }, Notes: 'n'.repeat(500) }));
    await cache.replace(REALM, 'Customer', all, mark(1000));
    const renamed = rows(1, 20_000).filter((r) => Number(r.Id) % 20 === 0).map((r) => ({ ...r, DisplayName: `Renamed ${r.Id}` }));
    const added = rows(30_001, 30_050);
    const started = performance.now();
    await cache.apply(REALM, new Map([['Customer', { upserts: [...renamed, ...added], removals: ['7', 'x"quoted'] }]]), { syncedAt: 't2', syncedAtMs: 2000, via: 'cdc' });
    const ms = performance.now() - started;
    const after = await cache.read(REALM, 'Customer');
    expect(after.rows).to.have.length(20_049);
    const byId = new Map(after.rows.map((r) => [r.Id, r.DisplayName]));
    expect([byId.get('20'), byId.get('19980'), byId.get('21'), byId.has('7'), byId.get('30050')]).to.deep.equal(['Renamed 20', 'Renamed 19980', 'C21', false, 'C30050']);
    // Generous: a search per id and chunk took 18 s in the match bench (959 exported contacts).
    expect(ms).to.be.below(3000);
  });

  it('finds rows whose ids need escaping in JSON, and ids kept as numbers by an older record', async () => {
    await cache.replace(REALM, 'Customer', [{ Id: 'a"b\\c', DisplayName: 'Odd' }, { Id: 5 as unknown as string, DisplayName: 'Numbered' }, ...rows(10, 1500)], mark(1000));
    await cache.apply(REALM, new Map([['Customer', { upserts: [{ Id: 'a"b\\c', DisplayName: 'Odd renamed' }, { Id: '5', DisplayName: 'Five' }], removals: [] }]]), { syncedAt: 't2', syncedAtMs: 2000, via: 'cdc' });
    const names = (await cache.read(REALM, 'Customer')).rows.filter((r) => String(r.Id) === 'a"b\\c' || String(r.Id) === '5').map((r) => r.DisplayName);
    expect(names.sort()).to.deep.equal(['Five', 'Odd renamed']);
  });

  it('a damaged chunk makes the list unread (no mark, so it is read in full), and a CDC answer over it drops its mark', async () => {
    await cache.replace(REALM, 'Customer', rows(1, 1500), mark(1000));
    const db = await openDB(name);
    await db.put('chunks', { realmId: REALM, entity: 'Customer', n: 1, json: '[{"Id": "1001",' });
    db.close();
    expect(await cache.read(REALM, 'Customer')).to.deep.equal({ rows: [] });
    await cache.apply(REALM, new Map([['Customer', { upserts: [{ Id: '1', DisplayName: 'Renamed' }], removals: [] }]]), { syncedAt: 't2', syncedAtMs: 2000, via: 'cdc' });
    expect((await cache.marks(REALM)).map((m) => m.entity)).to.deep.equal([]);
  });

  it('a cache kept by the previous version (chunks of stored objects) is dropped on upgrade, so every list is read in full once', async () => {
    cache.close();
    await deleteDB(name);
    const old = await openDB(name, 2, {
      upgrade(db) {
        db.createObjectStore('marks', { keyPath: ['realmId', 'entity'] });
        db.createObjectStore('chunks', { keyPath: ['realmId', 'entity', 'n'] });
      },
    });
    await old.put('marks', { realmId: REALM, entity: 'Customer', ...mark(1000) });
    await old.put('chunks', { realmId: REALM, entity: 'Customer', n: 0, rows: [{ Id: '1', DisplayName: 'Acme' }] });
    old.close();
    cache = await QboListCache.open(name);
    expect(await cache.marks(REALM)).to.deep.equal([]);
    expect((await cache.read(REALM, 'Customer')).rows).to.deep.equal([]);
  });
});

describe('readQboList: the cache refreshed with CDC (IndexedDB)', () => {
  let cache: QboListCache;
  let name: string;
  let gw: CdcGateway;
  const read = (entity = 'Customer') => readQboList<QboRecord>(entity, { gateway: gw, cache, now: () => gw.now });

  beforeEach(async () => {
    name = `qbo-cache-refresh-${Date.now()}-${dbCount++}`;
    cache = await QboListCache.open(name);
    gw = new CdcGateway(REALM);
    for (const n of ['Acme', 'Beta', 'Gamma', 'Delta']) gw.add('Customer', { DisplayName: n });
    gw.add('Employee', { DisplayName: 'Ann Lee' });
    gw.add('Item', { Name: 'Hours', Type: 'Service' });
  });
  afterEach(async () => {
    cache.close();
    await deleteDB(name);
  });

  it('a read made ahead in the page is handed to the next reader of that list, once; a failed one is read again', async () => {
    await readQboListAhead('Customer', { gateway: gw, cache, now: () => gw.now });
    const taken = await read();
    expect(names(taken.rows)).to.deep.equal(['Acme', 'Beta', 'Delta', 'Gamma']);
    expect(gw.calls.filter((c) => c === 'query.Customer').length).to.equal(1, 'one full read for both');
    await taken.saved;
    // Taken once: the next open reads the cache with CDC as usual.
    expect((await read()).via).to.equal('cdc');

    const failing = { ...gw, realmId: gw.realmId, query: () => Promise.reject(new Error('network down (test)')), queryAll: gw.queryAll.bind(gw), cdc: () => Promise.reject(new Error('network down (test)')), read: gw.read.bind(gw) };
    await readQboListAhead('Item', { gateway: failing, cache, now: () => gw.now });
    const item = await readQboList<QboRecord>('Item', { gateway: gw, cache, now: () => gw.now });
    expect(names(item.rows)).to.deep.equal(['Hours']);
  });

  it('reads in full the first time, then asks one CDC for every cached list and shows what changed', async () => {
    const first = await read();
    expect(first.via).to.equal('full');
    expect(names(first.rows)).to.deep.equal(['Acme', 'Beta', 'Delta', 'Gamma']);
    expect(await first.saved).to.equal(undefined);
    // The count (QBO's time before the read, and how many pages to ask at once), the page, then
    // CompanyInfo for the cache only once the rows are in.
    expect(gw.calls).to.deep.equal(['count.Customer', 'query.Customer', 'read.CompanyInfo']);
    expect(first.requests).to.equal(3);
    expect((await read('Item')).via).to.equal('full');

    gw.tick(60_000);
    const [acme, beta, gamma, delta] = [...(await gw.queryAll<QboRecord>('Customer'))];
    gw.update('Customer', String(acme.Id), { DisplayName: 'Acme Corporation' });
    gw.update('Customer', String(beta.Id), { Active: false });
    gw.remove('Customer', String(gamma.Id));
    gw.add('Customer', { DisplayName: 'Epsilon' });
    gw.update('Item', '6', { Name: 'Hours (billable)' });
    gw.requests = 0;
    gw.calls.length = 0;

    const second = await read();
    expect(second.via).to.equal('cdc');
    expect(gw.requests).to.equal(2);
    expect(second.requests).to.equal(2);
    expect(gw.calls).to.deep.equal(['cdc.Customer,Item', 'read.CompanyInfo']);
    expect(names(second.rows)).to.deep.equal(['Acme Corporation', 'Delta', 'Epsilon']);
    expect(second.rows.find((r) => r.Id === delta.Id)).to.deep.include({ DisplayName: 'Delta' });
    expect(await second.saved).to.equal(undefined);

    // The Item list moved with the same answer: its next read finds it already current.
    expect(names((await cache.read(REALM, 'Item')).rows)).to.deep.equal(['Hours (billable)']);
    const third = await read();
    expect(third.via).to.equal('cdc');
    expect(names(third.rows)).to.deep.equal(['Acme Corporation', 'Delta', 'Epsilon']);
  });

  it('a customer made active again comes back', async () => {
    const beta = (await gw.queryAll<QboRecord>('Customer')).find((r) => r.DisplayName === 'Beta')!;
    gw.update('Customer', String(beta.Id), { Active: false });
    await (await read()).saved;
    gw.update('Customer', String(beta.Id), { Active: true, DisplayName: 'Beta Bakery' });
    const again = await read();
    expect(again.via).to.equal('cdc');
    expect(names(again.rows)).to.include('Beta Bakery');
  });

  it('reads in full when the last read is beyond the 29 days CDC reaches', async () => {
    await (await read()).saved;
    gw.tick(29 * DAY + 1000);
    gw.calls.length = 0;
    const r = await read();
    expect(r.via).to.equal('full');
    expect(r.reason).to.match(/29 days/);
    expect(gw.calls).to.deep.equal(['count.Customer', 'query.Customer', 'read.CompanyInfo']);
  });

  it('reads in full when QBO answers that CDC cannot', async () => {
    await (await read()).saved;
    gw.refuseNextCdc = true;
    gw.add('Customer', { DisplayName: 'Zeta' });
    const r = await read();
    expect(r.via).to.equal('full');
    expect(r.reason).to.match(/could not give the changes/);
    expect(names(r.rows)).to.include('Zeta');
    expect((await read()).via).to.equal('cdc');
  });

  it('reads in full when one CDC answer cannot hold every change (1,000 objects)', async () => {
    await (await read()).saved;
    for (let i = 0; i < 1000; i++) gw.add('Customer', { DisplayName: `Bulk ${i}` });
    const r = await read();
    expect(r.via).to.equal('full');
    expect(r.rows).to.have.length(1004);
    // The CDC that hit the cap and CompanyInfo, the count, two pages and CompanyInfo.
    expect(r.requests).to.equal(2 + 2 + 2);
  });

  it('reads in full when CompanyInfo says another company now has the realm id', async () => {
    await (await read()).saved;
    const replaced = new CdcGateway(REALM);
    replaced.now = gw.now + 5000;
    replaced.companyCreated = '2026-01-15T12:00:05-08:00';
    replaced.add('Customer', { DisplayName: 'Fresh One' });
    gw = replaced;
    const r = await read();
    expect(r.via).to.equal('full');
    expect(r.reason).to.match(/another company under this realm id/);
    expect(names(r.rows)).to.deep.equal(['Fresh One']);
    await r.saved;
    expect((await read()).via).to.equal('cdc');
  });

  it('reads in full when a known record id comes back created at another time', async () => {
    await (await read()).saved;
    // Same realm id and CompanyInfo, record ids created anew.
    const replaced = new CdcGateway(REALM);
    replaced.now = gw.now + 5000;
    replaced.add('Customer', { DisplayName: 'Fresh One' });
    gw = replaced;
    const r = await read();
    expect(r.via).to.equal('full');
    expect(r.reason).to.match(/another creation time/);
    expect(names(r.rows)).to.deep.equal(['Fresh One']);
  });

  it("reads in full when QBO's clock is before the last read", async () => {
    await (await read()).saved;
    gw.now -= 3600_000;
    const r = await read();
    expect(r.via).to.equal('full');
    expect(r.reason).to.match(/clock is before/);
  });

  it('reads in full, with the list right, when the cached rows cannot be read back', async () => {
    await (await read()).saved;
    const db = await openDB(name);
    await db.put('chunks', { realmId: REALM, entity: 'Customer', n: 0, json: 'not JSON' });
    db.close();
    gw.add('Customer', { DisplayName: 'Epsilon' });
    const r = await read();
    expect([r.via, r.reason]).to.deep.equal(['full', 'the cached list could not be read back']);
    expect(names(r.rows)).to.deep.equal(['Acme', 'Beta', 'Delta', 'Epsilon', 'Gamma']);
    await r.saved;
    const again = await read();
    expect(again.via).to.equal('cdc');
    expect(names(again.rows)).to.deep.equal(['Acme', 'Beta', 'Delta', 'Epsilon', 'Gamma']);
  });

  it('20,000 customers: the second read is one request and comes from IndexedDB quickly', async () => {
    const big = new CdcGateway(REALM);
    for (let i = 0; i < 20_000; i++) big.add('Customer', { DisplayName: `Customer ${i}`, PrimaryEmailAddr: { Address: `c${i}@example.com` }, BillAddr: { City: 'Springfield' } });
    gw = big;
    await (await read()).saved;
    gw.update('Customer', '123', { DisplayName: 'Changed in QuickBooks' });
    gw.requests = 0;
    const started = performance.now();
    const r = await read();
    const ms = performance.now() - started;
    expect(r.via).to.equal('cdc');
    expect(gw.requests).to.equal(2);
    expect(r.rows).to.have.length(20_000);
    expect(r.rows.find((x) => x.Id === '123')).to.deep.include({ DisplayName: 'Changed in QuickBooks' });
    // Generous for a shared 2-core machine; the bench measures the whole open.
    expect(ms).to.be.below(1500);
  });
});

describe('sharedQboListCache', () => {
  it('gives every caller of the frame one open cache, and a new one once it was closed', async () => {
    const first = await sharedQboListCache();
    expect(first?.isOpen).to.equal(true);
    expect(await sharedQboListCache()).to.equal(first);
    first?.close();
    const second = await sharedQboListCache();
    expect(second).to.not.equal(first);
    expect(second?.isOpen).to.equal(true);
    await second?.replace(REALM, 'Customer', [{ Id: '1', DisplayName: 'Acme' }], mark(1000));
    expect(names((await second!.read(REALM, 'Customer')).rows)).to.deep.equal(['Acme']);
    await second?.clearRealm(REALM);
  });
});
