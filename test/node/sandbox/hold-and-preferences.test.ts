/**
 * The `hold` fault (a write QBO received and commits only later, or never after its 120 s
 * timeout) and the Preferences control (custom transaction numbers on and off), over HTTP.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { faultOf, startHarness, US, type Harness } from './sandbox-harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.stop();
});
beforeEach(async () => {
  await h.admin('POST', 'reset', { keepTokens: true });
});

async function customerId(): Promise<string> {
  const res = await h.api('GET', `query?query=${encodeURIComponent('select * from Customer maxresults 1')}`);
  return String((res.json.QueryResponse as { Customer: Array<{ Id: string }> }).Customer[0].Id);
}

async function itemId(): Promise<string> {
  const res = await h.api('GET', `query?query=${encodeURIComponent("select * from Item where Type = 'Service' maxresults 1")}`);
  return String((res.json.QueryResponse as { Item: Array<{ Id: string }> }).Item[0].Id);
}

async function invoicesNumbered(doc: string): Promise<unknown[]> {
  const res = await h.api('GET', `query?query=${encodeURIComponent(`select * from Invoice where DocNumber = '${doc}'`)}`);
  return ((res.json.QueryResponse as { Invoice?: unknown[] }).Invoice ?? []);
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail('condition never became true');
}

describe('hold fault', () => {
  it('holds a batch before committing it until released, lists it, and answers afterwards', async () => {
    const body = { CustomerRef: { value: await customerId() }, DocNumber: 'HOLD-1', Line: [{ Amount: 10, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: await itemId() }, Qty: 1, UnitPrice: 10 } }] };
    const rule = await h.admin('POST', 'faults', { match: { operation: 'batch' }, action: { type: 'hold', seconds: 30 } });
    assert.ok(rule.rule);
    const pending = h.api('POST', 'batch?requestid=held-1', { BatchItemRequest: [{ bId: 'b1', operation: 'create', Invoice: body }] });
    await until(async () => ((await h.admin('GET', 'holds')).held as unknown[]).length === 1);
    const [held] = (await h.admin('GET', 'holds')).held as Array<{ id: number; operation: string }>;
    assert.equal(held.operation, 'batch');
    assert.deepEqual(await invoicesNumbered('HOLD-1'), [], 'nothing is committed while held');
    assert.deepEqual(await h.admin('POST', 'holds/release', { ids: [held.id] }), { released: 1 });
    const answer = await pending;
    assert.equal(answer.status, 200);
    assert.equal((await invoicesNumbered('HOLD-1')).length, 1);
  });

  it('a hold that ends after 120 s on the sandbox clock is abandoned: 504, nothing written, the requestid still free', async () => {
    const body = { CustomerRef: { value: await customerId() }, DocNumber: 'HOLD-2', Line: [{ Amount: 10, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: await itemId() }, Qty: 1, UnitPrice: 10 } }] };
    await h.admin('POST', 'faults', { match: { operation: 'invoice.create' }, action: { type: 'hold', seconds: 30 } });
    const pending = h.api('POST', 'invoice?requestid=held-2', body).catch(() => ({ status: 0, json: {} }));
    await until(async () => ((await h.admin('GET', 'holds')).held as unknown[]).length === 1);
    await h.admin('POST', 'clock', { advanceSeconds: 121 });
    await h.admin('POST', 'holds/release', {});
    const res = await fetch(`${h.sandbox.url}/__sandbox/health`);
    assert.equal(res.status, 200);
    const answer = await pending;
    assert.notEqual(answer.status, 200);
    assert.deepEqual(await invoicesNumbered('HOLD-2'), []);
    const again = await h.api('POST', 'invoice?requestid=held-2', body);
    assert.equal(again.status, 200, 'the same requestid now writes, since nothing was remembered for it');
    assert.equal((await invoicesNumbered('HOLD-2')).length, 1);
  });

  it('refuses a hold without a sensible number of seconds', async () => {
    const res = await fetch(`${h.sandbox.url}/__sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: { type: 'hold', seconds: 0 } }) });
    assert.equal(res.status, 400);
  });
});

describe('preferences control', () => {
  it('custom transaction numbers on: a duplicate DocNumber is 6140; off: QBO numbers an invoice sent without one', async () => {
    const prefs = await h.api('GET', 'preferences');
    assert.equal((prefs.json.Preferences as { SalesFormsPrefs: { CustomTxnNumbers: boolean } }).SalesFormsPrefs.CustomTxnNumbers, true);
    const line = [{ Amount: 5, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: await itemId() }, Qty: 1, UnitPrice: 5 } }];
    const customer = { value: await customerId() };
    const dup = await h.api('POST', 'invoice', { CustomerRef: customer, DocNumber: '1001', Line: line });
    assert.equal(dup.status, 400);
    assert.equal(faultOf(dup.json).code, '6140');

    const changed = await h.admin('POST', 'preferences', { realmId: US, SalesFormsPrefs: { CustomTxnNumbers: false } });
    assert.equal((changed.Preferences as { SalesFormsPrefs: { CustomTxnNumbers: boolean } }).SalesFormsPrefs.CustomTxnNumbers, false);
    const after = await h.api('GET', 'preferences');
    assert.equal((after.json.Preferences as { SalesFormsPrefs: { CustomTxnNumbers: boolean } }).SalesFormsPrefs.CustomTxnNumbers, false);
    const numbered = await h.api('POST', 'invoice', { CustomerRef: customer, Line: line });
    assert.equal(numbered.status, 200);
    assert.match(String((numbered.json.Invoice as { DocNumber: string }).DocNumber), /^\d+$/);
  });

  it('sets multicurrency and sales tax for a test, persisted and read back by the API, the other values of each section kept', async () => {
    const changed = await h.admin('POST', 'preferences', { realmId: US, CurrencyPrefs: { MultiCurrencyEnabled: true }, TaxPrefs: { UsingSalesTax: false } });
    const set = changed.Preferences as { CurrencyPrefs: { MultiCurrencyEnabled: boolean; HomeCurrency: { value: string } }; TaxPrefs: { UsingSalesTax: boolean; PartnerTaxEnabled: boolean } };
    assert.equal(set.CurrencyPrefs.MultiCurrencyEnabled, true);
    assert.equal(set.CurrencyPrefs.HomeCurrency.value, 'USD', 'the home currency is kept');
    assert.equal(set.TaxPrefs.UsingSalesTax, false);
    assert.equal(set.TaxPrefs.PartnerTaxEnabled, true, 'the section\'s other values are kept');
    const read = await h.api('GET', 'query?query=' + encodeURIComponent('select * from Preferences'));
    const rows = (read.json.QueryResponse as { Preferences: Array<typeof set> }).Preferences;
    assert.equal(rows[0].CurrencyPrefs.MultiCurrencyEnabled, true);
    assert.equal(rows[0].TaxPrefs.UsingSalesTax, false);
    await h.admin('POST', 'preferences', { realmId: US, CurrencyPrefs: { MultiCurrencyEnabled: false }, TaxPrefs: { UsingSalesTax: true } });
  });

  it('refuses unknown sections and non-scalar values', async () => {
    const res = await fetch(`${h.sandbox.url}/__sandbox/preferences`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ NoSuchPrefs: { A: true } }) });
    assert.equal(res.status, 400);
  });
});
