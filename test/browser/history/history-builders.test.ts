import { expect } from 'chai';
import {
  automatchAcceptedHistory,
  contactAutoUpdateHistory,
  defaultsChangedHistory,
  entityExportHistory,
  entityImportHistory,
  linkMadeHistory,
  linksClearedHistory,
  linksRestoredHistory,
} from '../../../src/sync/history/history-builders';
import { MAX_HISTORY_RECORDS } from '../../../src/sync/history/history-entry';

const WORDS = { ot: 'work code', otPlural: 'work codes', qbo: 'product or service', qboPlural: 'products and services' };

describe('Sync History lines of each operation', () => {
  it('an export: one line with counts, the distinct error codes, and the single QuickBooks Id when one record', () => {
    const one = entityExportHistory(WORDS, [{ otId: 'w1', name: 'Audit', qboId: '7' }], []);
    expect(one).to.deep.include({ kind: 'entityExport', what: 'Exported 1 work code to QuickBooks Online: 1 created', result: 'ok', qboId: '7' });
    const failed = entityExportHistory(WORDS, [], [
      { id: 'w1', name: 'A', code: 'validation', qboCode: '6000' },
      { id: 'w2', name: 'B', code: 'duplicateName', qboCode: '6240' },
      { id: 'w3', name: 'C', code: 'notSent' },
    ]);
    expect(failed.what).to.equal('Exported 3 work codes to QuickBooks Online: 0 created, 3 failed (6000, 6240, notSent)');
    expect(failed.result).to.equal('failed');
    expect(failed.errorCode).to.equal('6000');
  });

  it('an export whose created records could not be linked is a failure that says so', () => {
    const d = entityExportHistory(WORDS, [{ otId: 'w1', name: 'Audit', qboId: '7' }], [], 'The firm could not be reached.');
    expect(d.result).to.equal('failed');
    expect(d.errorCode).to.equal('link_failed');
    expect(d.detail).to.equal('The created products and services could not be linked: The firm could not be reached.');
  });

  it('keeps per-record detail up to the cap', () => {
    const many = Array.from({ length: MAX_HISTORY_RECORDS + 10 }, (_, i) => ({ qboId: String(i), name: `N${i}`, otId: `o${i}` }));
    const d = entityImportHistory(WORDS, many, []);
    expect(d.records).to.have.length(MAX_HISTORY_RECORDS);
    expect(d.counts).to.deep.equal({ ok: MAX_HISTORY_RECORDS + 10, failed: 0 });
    expect(d.what).to.equal(`Imported ${(MAX_HISTORY_RECORDS + 10).toLocaleString('en-US')} products and services from QuickBooks Online: ${(MAX_HISTORY_RECORDS + 10).toLocaleString('en-US')} created`);
  });

  it('links made, cleared, restored and accepted from Automatch', () => {
    expect(linkMadeHistory(WORDS, [{ otId: 'w1', qboId: '7', name: 'Audit' }]).what).to.equal('Linked work code "Audit" and QuickBooks Online product or service 7');
    expect(linkMadeHistory(WORDS, [{ otId: 'w1', qboId: '7' }, { otId: 'w2', qboId: '8' }]).what).to.equal('Linked 2 work codes');
    expect(linksClearedHistory(WORDS, [{ otId: 'w1', qboId: '7' }]).what).to.equal('Cleared all work code links: 1 link removed');
    expect(linksRestoredHistory(WORDS, [{ otId: 'w1', qboId: '7' }, { otId: 'w2', qboId: '8' }]).what).to.equal('Restored 2 work code links (Undo of Clear all links)');
    const auto = automatchAcceptedHistory(WORDS, [{ otId: 'w1', qboId: '7' }], 2);
    expect(auto).to.deep.include({ kind: 'automatchAccepted', what: 'Automatch: linked 1 work code', qboId: '7' });
    expect(auto.detail).to.equal('2 proposals were left out because a side was linked meanwhile.');
  });

  it('contact auto-update: created, linked to a same-name customer, updated, conflict, failed', () => {
    expect(contactAutoUpdateHistory({ result: 'created', contactId: 'c1', name: 'Acme', qboId: '58' })).to.deep.include({ what: 'Contact "Acme" sent to QuickBooks Online as new customer 58', result: 'ok', qboId: '58' });
    const linked = contactAutoUpdateHistory({ result: 'linked', contactId: 'c1', name: 'Acme', qboId: '58' });
    expect(linked.what).to.equal('Contact "Acme" linked to the existing QuickBooks Online customer 58 of the same name');
    expect(contactAutoUpdateHistory({ result: 'updated', contactId: 'c1', name: 'Acme', qboId: '58', sent: ['PrimaryEmailAddr.Address'] }).detail).to.equal('Sent: PrimaryEmailAddr.Address');
    expect(contactAutoUpdateHistory({ result: 'conflict', contactId: 'c1', name: 'Acme', qboId: '58', message: 'Email changed on both sides.' })).to.deep.include({ result: 'failed', errorCode: 'conflict' });
    expect(contactAutoUpdateHistory({ result: 'failed', contactId: 'c1', name: 'Acme', code: 'qbo_6000', message: 'Rejected.', intuitTid: 'tid' })).to.deep.include({
      result: 'failed',
      errorCode: 'qbo_6000',
      intuitTid: 'tid',
      detail: 'Rejected.',
    });
  });

  it('Account Defaults: which settings changed, from what to what', () => {
    const d = defaultsChangedHistory([
      { label: 'Fee Income', from: '', to: 'Services (Income)' },
      { label: 'Payment deposit account', from: 'Checking (Bank)', to: 'Undeposited Funds' },
    ]);
    expect(d.what).to.equal('Changed Account Defaults: Fee Income, Payment deposit account');
    expect(d.detail).to.equal('Fee Income: None → Services (Income); Payment deposit account: Checking (Bank) → Undeposited Funds');
  });
});
