import { expect } from 'chai';
import { deleteDB } from 'idb';
import { LinkFileError, parseLinkFile, serializeLinkFile } from '../../../src/sync/store/link-file';
import { LinkConflictError, LinkStore, LinkStoreError } from '../../../src/sync/store/link-store';
import type { NewLink } from '../../../src/sync/store/link-store';
import type { LinkRecord } from '../../../src/sync/store/schema';

const REALM = '9130350';
let counter = 0;
const opened: Array<{ store: LinkStore; name: string }> = [];

async function freshStore(realmId = REALM, dbName?: string): Promise<LinkStore> {
  const name = dbName ?? `link-store-test-${Date.now()}-${counter++}`;
  let tick = Date.parse('2026-01-01T00:00:00Z');
  const store = await LinkStore.open({ realmId, user: 'Pat Staff', dbName: name, now: () => new Date((tick += 1000)) });
  opened.push({ store, name });
  return store;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the promise to reject');
}

const contact = (otId: string, qboId: string, origin: NewLink['origin'] = 'manual'): NewLink => ({ kind: 'contact', otId, qboId, origin });

describe('LinkStore (real IndexedDB)', () => {
  afterEach(async () => {
    for (const { store, name } of opened.splice(0)) {
      store.close();
      await deleteDB(name);
    }
  });

  it('links, finds by either side, and records who, when, how and the SyncToken', async () => {
    const store = await freshStore();
    const made = await store.link({ ...contact('c1', '58', 'export'), syncToken: '0' });
    expect(made).to.deep.equal({
      realmId: REALM,
      kind: 'contact',
      otId: 'c1',
      qboId: '58',
      origin: 'export',
      createdAt: '2026-01-01T00:00:01.000Z',
      createdBy: 'Pat Staff',
      syncToken: '0',
    });
    expect(await store.findByOtId('contact', 'c1')).to.deep.equal(made);
    expect(await store.findByQboId('contact', '58')).to.deep.equal(made);
    expect(await store.findByQboId('employee', '58')).to.equal(undefined);
    expect(await store.findByOtId('contact', 'c2')).to.equal(undefined);
  });

  it('keeps kinds and companies apart', async () => {
    const name = `link-store-test-shared-${counter++}`;
    const a = await freshStore(REALM, name);
    await a.link(contact('x', '1'));
    await a.link({ kind: 'employee', otId: 'x', qboId: '1', origin: 'manual' });
    await a.link({ kind: 'workCode', otId: 'x', qboId: '1', origin: 'automatch' });
    const b = await LinkStore.open({ realmId: '4620816', user: 'Pat', dbName: name });
    await b.link(contact('x', '1'));
    expect((await a.list('contact')).map((l) => l.realmId)).to.deep.equal([REALM]);
    expect(await b.count('contact')).to.equal(1);
    expect(await a.count('workCode')).to.equal(1);
    expect(await a.count('expenseCode')).to.equal(0);
    b.close();
  });

  it('refuses an OfficeTools record already linked elsewhere, and a QBO entity already linked', async () => {
    const store = await freshStore();
    await store.link(contact('c1', '58'));
    const e1 = await rejection(store.link(contact('c1', '59')));
    expect(e1).to.be.instanceOf(LinkConflictError);
    expect((e1 as LinkConflictError).conflicts[0]).to.include({ reason: 'otLinked', otId: 'c1', qboId: '59', row: 1 });
    expect((e1 as LinkConflictError).message).to.match(/contact c1 is already linked to QuickBooks customer 58/);
    const e2 = await rejection(store.link(contact('c2', '58')));
    expect((e2 as LinkConflictError).conflicts[0]).to.include({ reason: 'qboLinked' });
    expect((e2 as LinkConflictError).conflicts[0].existing).to.deep.equal({ kind: 'contact', otId: 'c1', qboId: '58' });
    expect(await store.count('contact')).to.equal(1);
  });

  it('relinking the same pair keeps its history and refreshes the SyncToken', async () => {
    const store = await freshStore();
    const first = await store.link({ ...contact('c1', '58', 'export'), syncToken: '0' });
    const again = await store.link({ ...contact('c1', '58', 'manual'), syncToken: '3' });
    expect(again).to.deep.equal({ ...first, syncToken: '3' });
  });

  it('linkMany is all or nothing, naming every offending row', async () => {
    const store = await freshStore();
    await store.link(contact('c9', '900'));
    const err = await rejection(
      store.linkMany([contact('a', '1'), contact('b', '2'), contact('a', '3'), contact('c', '2'), contact('d', '900')]),
    );
    expect(err).to.be.instanceOf(LinkConflictError);
    const conflicts = (err as LinkConflictError).conflicts.map((c) => [c.row, c.reason]);
    expect(conflicts).to.deep.equal([
      [3, 'otRepeated'],
      [4, 'qboRepeated'],
      [5, 'qboLinked'],
    ]);
    expect(await store.count('contact')).to.equal(1);
  });

  it('refuses malformed links with a typed error', async () => {
    const store = await freshStore();
    const e = await rejection(store.link(contact('c1', 'Q-1')));
    expect(e).to.be.instanceOf(LinkStoreError);
    expect((e as LinkStoreError).code).to.equal('bad_link');
    const e2 = await rejection(store.link({ ...contact('c1', '1'), syncToken: 'x' }));
    expect((e2 as LinkStoreError).code).to.equal('bad_link');
  });

  it('writes 5,000 links in one transaction', async () => {
    const store = await freshStore();
    const many = Array.from({ length: 5000 }, (_, i) => ({ ...contact(`c${i}`, String(10_000 + i), 'automatch'), syncToken: '0' }));
    const started = performance.now();
    const written = await store.linkMany(many);
    const ms = performance.now() - started;
    expect(written).to.have.length(5000);
    expect(await store.count('contact')).to.equal(5000);
    expect((await store.findByQboId('contact', '14999'))?.otId).to.equal('c4999');
    // One transaction: a conflict in the last row leaves none of the 5,000 behind.
    const more = Array.from({ length: 5000 }, (_, i) => contact(`n${i}`, String(20_000 + i)));
    more.push(contact('late', '10000'));
    const err = await rejection(store.linkMany(more));
    expect((err as LinkConflictError).conflicts).to.have.length(1);
    expect((err as LinkConflictError).conflicts[0].row).to.equal(5001);
    expect(await store.count('contact')).to.equal(5000);
    expect(ms).to.be.lessThan(15_000);
  });

  it('unlinks by either side and returns the removed link', async () => {
    const store = await freshStore();
    const a = await store.link(contact('a', '1'));
    await store.link(contact('b', '2'));
    expect(await store.unlink('contact', 'a')).to.deep.equal(a);
    expect(await store.unlink('contact', 'a')).to.equal(undefined);
    expect((await store.unlinkByQboId('contact', '2'))?.otId).to.equal('b');
    expect(await store.unlinkByQboId('contact', '2')).to.equal(undefined);
    expect(await store.count('contact')).to.equal(0);
    // Both sides are free again.
    await store.link(contact('a', '2'));
  });

  it('clears all links of a kind and restores them (undo)', async () => {
    const store = await freshStore();
    await store.linkMany([contact('a', '1'), contact('b', '2'), { kind: 'employee', otId: 'e', qboId: '5', origin: 'manual' }]);
    const before = await store.list('contact');
    const removed = await store.clearKind('contact');
    expect(removed).to.deep.equal(before);
    expect(await store.count('contact')).to.equal(0);
    expect(await store.count('employee')).to.equal(1);
    await store.restoreLinks(removed);
    expect(await store.list('contact')).to.deep.equal(before);
  });

  it('refuses an undo that would now break one-to-one, restoring nothing', async () => {
    const store = await freshStore();
    await store.linkMany([contact('a', '1'), contact('b', '2')]);
    const removed = await store.clearKind('contact');
    await store.link(contact('z', '2'));
    const err = await rejection(store.restoreLinks(removed));
    expect(err).to.be.instanceOf(LinkConflictError);
    expect(await store.count('contact')).to.equal(1);
  });

  it('updates the sync state of a linked record only', async () => {
    const store = await freshStore();
    await store.link({ ...contact('a', '1'), syncToken: '0' });
    const u = await store.updateSyncState('contact', 'a', { syncToken: '4', pushedHash: 'h1', syncedFields: { DisplayName: 'A' } });
    expect(u).to.include({ syncToken: '4', pushedHash: 'h1' });
    expect((await store.findByOtId('contact', 'a'))?.syncedFields).to.deep.equal({ DisplayName: 'A' });
    const err = await rejection(store.updateSyncState('contact', 'nope', { syncToken: '1' }));
    expect((err as LinkStoreError).code).to.equal('not_found');
  });

  it('exports to a versioned JSON file and imports it into an empty store', async () => {
    const source = await freshStore();
    await source.linkMany([
      { ...contact('a', '1', 'export'), syncToken: '2' },
      { kind: 'workCode', otId: 'w1', qboId: '7', origin: 'automatch' },
    ]);
    const text = serializeLinkFile(await source.exportLinks());
    const doc = parseLinkFile(text);
    expect(doc).to.include({ format: 'qbo-sync-officetools/links', version: 1, realmId: REALM, exportedBy: 'Pat Staff' });
    expect(doc.links).to.have.length(2);

    const target = await freshStore();
    expect(await target.importLinks(doc)).to.deep.equal({ added: 2, unchanged: 0, removed: 0 });
    const strip = (l: LinkRecord) => ({ ...l });
    expect((await target.list('contact')).map(strip)).to.deep.equal((await source.list('contact')).map(strip));
    expect(await target.findByQboId('workCode', '7')).to.include({ otId: 'w1', origin: 'automatch' });
    // Importing the same file again changes nothing.
    expect(await target.importLinks(doc)).to.deep.equal({ added: 0, unchanged: 2, removed: 0 });
  });

  it('refuses a whole import that would break one-to-one, naming the rows', async () => {
    const store = await freshStore();
    await store.link(contact('a', '1'));
    const doc = parseLinkFile(
      serializeLinkFile({
        format: 'qbo-sync-officetools/links',
        version: 1,
        realmId: REALM,
        exportedAt: '2026-01-01T00:00:00Z',
        exportedBy: 'X',
        links: [
          { kind: 'contact', otId: 'b', qboId: '2', origin: 'manual', createdAt: '2026-01-01T00:00:00Z', createdBy: 'X' },
          { kind: 'contact', otId: 'c', qboId: '1', origin: 'manual', createdAt: '2026-01-01T00:00:00Z', createdBy: 'X' },
          { kind: 'contact', otId: 'a', qboId: '3', origin: 'manual', createdAt: '2026-01-01T00:00:00Z', createdBy: 'X' },
        ],
      }),
    );
    const err = await rejection(store.importLinks(doc));
    expect(err).to.be.instanceOf(LinkConflictError);
    expect((err as LinkConflictError).conflicts.map((c) => `${c.row}:${c.reason}`)).to.deep.equal(['2:qboLinked', '3:otLinked']);
    expect((err as Error).message).to.match(/^The import was refused/);
    expect((err as Error).message).to.match(/Row 2: QuickBooks customer 1 is already linked to OfficeTools contact a/);
    expect(await store.count('contact')).to.equal(1);
    // Replace mode drops the stored contact links first, in the same transaction, so only
    // collisions inside the file itself would count; this file has none.
    expect(await store.importLinks(doc, { mode: 'replace' })).to.deep.equal({ added: 3, unchanged: 0, removed: 1 });
    expect((await store.list('contact')).map((l) => `${l.otId}=${l.qboId}`)).to.deep.equal(['a=3', 'b=2', 'c=1']);
  });

  it('replace mode swaps the stored links of the kinds in the file', async () => {
    const store = await freshStore();
    await store.linkMany([contact('a', '1'), contact('b', '2'), { kind: 'employee', otId: 'e', qboId: '9', origin: 'manual' }]);
    const doc = {
      format: 'qbo-sync-officetools/links' as const,
      version: 1 as const,
      realmId: REALM,
      exportedAt: '2026-01-01T00:00:00Z',
      exportedBy: 'X',
      links: [{ kind: 'contact' as const, otId: 'b', qboId: '1', origin: 'import' as const, createdAt: '2026-01-01T00:00:00Z', createdBy: 'X' }],
    };
    expect(await store.importLinks(doc, { mode: 'replace' })).to.deep.equal({ added: 1, unchanged: 0, removed: 2 });
    expect((await store.list('contact')).map((l) => `${l.otId}=${l.qboId}`)).to.deep.equal(['b=1']);
    expect(await store.count('employee')).to.equal(1);
  });

  it("refuses another company's file", async () => {
    const store = await freshStore();
    const other = await freshStore('4620816');
    await other.link(contact('a', '1'));
    const err = await rejection(store.importLinks(await other.exportLinks()));
    expect(err).to.be.instanceOf(LinkFileError);
    expect((err as LinkFileError).code).to.equal('realm_mismatch');
    expect(await store.count('contact')).to.equal(0);
  });

  it('parses only valid files, naming bad rows', () => {
    const codeOf = (text: string) => {
      try {
        parseLinkFile(text);
        return 'ok';
      } catch (e) {
        return (e as LinkFileError).code;
      }
    };
    expect(codeOf('nope')).to.equal('not_json');
    expect(codeOf('{"format":"other"}')).to.equal('wrong_format');
    expect(codeOf('{"format":"qbo-sync-officetools/links","version":2,"realmId":"1","links":[]}')).to.equal('unsupported_version');
    const bad = JSON.stringify({
      format: 'qbo-sync-officetools/links',
      version: 1,
      realmId: '1',
      links: [
        { kind: 'contact', otId: 'a', qboId: '1', origin: 'manual', createdAt: '2026-01-01T00:00:00Z', createdBy: 'X' },
        { kind: 'vendor', otId: '', qboId: 'x', origin: 'magic', createdAt: 'never', createdBy: 'X' },
      ],
    });
    try {
      parseLinkFile(bad);
      expect.fail('should refuse');
    } catch (e) {
      expect(e).to.be.instanceOf(LinkFileError);
      expect((e as LinkFileError).problems.map((p) => p.row)).to.deep.equal([2]);
      expect((e as LinkFileError).message).to.match(/Nothing was imported/);
      expect((e as LinkFileError).message).to.match(/kind "vendor"/);
    }
  });
});
