import { expect } from 'chai';
import { deleteDB } from 'idb';
import { openSyncDb, type QboSyncDatabase } from '../../../src/sync/store/schema';
import { defaultSettings, getSettings, saveSettings, SettingsStoreError } from '../../../src/sync/store/settings-store';

describe('settings store (IndexedDB)', () => {
  let name = '';
  let db: QboSyncDatabase;

  beforeEach(async () => {
    name = `settings-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    db = await openSyncDb(name);
  });

  afterEach(async () => {
    db.close();
    await deleteDB(name);
  });

  it('reads defaults for a company never configured', async () => {
    expect(await getSettings(db, '9130')).to.deep.equal(defaultSettings('9130'));
    expect(await db.count('settings')).to.equal(0, 'reading must not write');
  });

  it('saves a patch, merges later patches and stamps updatedAt', async () => {
    const first = await saveSettings(db, '9130', { contactSyncEnabled: true });
    expect(first.contactSyncEnabled).to.equal(true);
    expect(first.contactTypeIds).to.deep.equal([]);
    expect(Number.isNaN(Date.parse(first.updatedAt))).to.equal(false);
    await saveSettings(db, '9130', { contactTypeIds: ['t2', 't1', 't2'] });
    const read = await getSettings(db, '9130');
    expect(read.contactSyncEnabled).to.equal(true);
    expect(read.contactTypeIds).to.deep.equal(['t2', 't1']);
  });

  it('keeps each company apart', async () => {
    await saveSettings(db, 'us-1', { contactTypeIds: ['t1'], depositAccountId: '35' });
    await saveSettings(db, 'us-2', { contactSyncEnabled: true });
    expect((await getSettings(db, 'us-1')).contactTypeIds).to.deep.equal(['t1']);
    expect((await getSettings(db, 'us-1')).depositAccountId).to.equal('35');
    expect((await getSettings(db, 'us-2')).contactTypeIds).to.deep.equal([]);
    expect((await getSettings(db, 'us-2')).contactSyncEnabled).to.equal(true);
  });

  it('survives closing and reopening the database', async () => {
    await saveSettings(db, '9130', { accountDefaults: { a1: '79' }, lineItemDefaults: { li1: '5' } });
    db.close();
    db = await openSyncDb(name);
    const read = await getSettings(db, '9130');
    expect(read.accountDefaults).to.deep.equal({ a1: '79' });
    expect(read.lineItemDefaults).to.deep.equal({ li1: '5' });
  });

  it('does not let a caller change stored data through the arrays it passed', async () => {
    const ids = ['t1'];
    await saveSettings(db, '9130', { contactTypeIds: ids });
    ids.push('t9');
    expect((await getSettings(db, '9130')).contactTypeIds).to.deep.equal(['t1']);
  });

  it('refuses an empty company id with a typed error', async () => {
    let caught: unknown;
    try {
      await saveSettings(db, ' ', { contactSyncEnabled: true });
    } catch (e) {
      caught = e;
    }
    expect(caught).to.be.instanceOf(SettingsStoreError);
  });
});
