/** Raw-HTTP conformance for entity writes and their errors (QBO-FACTS §1, §3, §4). */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { faultOf, startHarness, CA, type Harness } from './sandbox-harness';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.stop();
});

type Obj = Record<string, unknown> & { Id: string; SyncToken: string };

async function create(entity: string, body: unknown): Promise<Obj> {
  const res = await h.api('POST', `${entity.toLowerCase()}?minorversion=75`, body);
  assert.equal(res.status, 200, JSON.stringify(res.json));
  return res.json[entity] as Obj;
}

describe('customers', () => {
  it('create answers string Id and SyncToken "0", MetaData in Pacific time, defaults filled', async () => {
    const c = await create('Customer', { GivenName: 'Nora', FamilyName: 'Lindqvist', PrimaryEmailAddr: { Address: 'nora@example.com' } });
    assert.match(c.Id, /^\d+$/);
    assert.equal(c.SyncToken, '0');
    assert.equal(c.DisplayName, 'Nora Lindqvist', 'DisplayName generated from the name parts');
    assert.equal(c.FullyQualifiedName, 'Nora Lindqvist');
    assert.equal(c.Active, true);
    assert.match(String((c.MetaData as { CreateTime: string }).CreateTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[78]:00$/);
    assert.equal(c.domain, 'QBO');
  });

  it('sparse update changes only what is sent; SyncToken goes up; a stale token is 5010', async () => {
    const c = await create('Customer', { DisplayName: 'Sparse Test Co', CompanyName: 'Sparse Test Co', Notes: 'keep me' });
    const res = await h.api('POST', 'customer', { Id: c.Id, SyncToken: '0', sparse: true, CompanyName: 'Sparse Test Company' });
    const updated = res.json.Customer as Obj;
    assert.equal(updated.SyncToken, '1');
    assert.equal(updated.Notes, 'keep me');
    assert.equal(updated.CompanyName, 'Sparse Test Company');
    const stale = await h.api('POST', 'customer', { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'x' });
    assert.equal(stale.status, 400);
    assert.equal(faultOf(stale.json).code, '5010');
    assert.equal((stale.json.Fault as { type: string }).type, 'ValidationFault');
    const ahead = await h.api('POST', 'customer', { Id: c.Id, SyncToken: '7', sparse: true, Notes: 'x' });
    assert.equal(faultOf(ahead.json).code, '5010');
  });

  it('a full update clears omitted writable fields but keeps DisplayName', async () => {
    const c = await create('Customer', { DisplayName: 'Full Update LLC', CompanyName: 'Full Update LLC', Notes: 'will vanish', PrimaryPhone: { FreeFormNumber: '555-0101' } });
    const res = await h.api('POST', 'customer', { Id: c.Id, SyncToken: c.SyncToken, CompanyName: 'Full Update LLC' });
    const u = res.json.Customer as Obj;
    assert.equal(u.Notes, undefined);
    assert.equal(u.PrimaryPhone, undefined);
    assert.equal(u.DisplayName, 'Full Update LLC');
  });

  it('DisplayName is unique across Customer, Vendor and Employee (6240), case-insensitively', async () => {
    await create('Vendor', { DisplayName: 'Shared Name Supply' });
    const dup = await h.api('POST', 'customer', { DisplayName: 'shared name supply' });
    assert.equal(dup.status, 400);
    assert.equal(faultOf(dup.json).code, '6240');
    assert.match(faultOf(dup.json).Detail, /Another customer, vendor or employee/);
    const emp = await h.api('POST', 'employee', { GivenName: 'Shared', FamilyName: 'Name Supply' });
    assert.equal(faultOf(emp.json).code, '6240');
  });

  it('rejects unknown properties (2010), colons in names, over-long fields and bad emails', async () => {
    const unknown = await h.api('POST', 'customer', { DisplayName: 'X Unknown', Nickname: 'x' });
    assert.equal(faultOf(unknown.json).code, '2010');
    assert.match(faultOf(unknown.json).Detail, /Nickname/);
    const colon = await h.api('POST', 'customer', { DisplayName: 'Parent: Child' });
    assert.equal(faultOf(colon.json).code, '6000');
    const tab = await h.api('POST', 'customer', { DisplayName: 'Tab\tName' });
    assert.equal(faultOf(tab.json).code, '6000');
    const long = await h.api('POST', 'customer', { DisplayName: 'Long Title', Title: 'x'.repeat(17) });
    assert.equal(faultOf(long.json).code, '6000');
    assert.match(faultOf(long.json).Detail, /Title/);
    const email = await h.api('POST', 'customer', { DisplayName: 'Bad Email', PrimaryEmailAddr: { Address: 'nobody-at-example' } });
    assert.equal(faultOf(email.json).code, '6000');
    const none = await h.api('POST', 'customer', { Notes: 'no name at all' });
    assert.equal(faultOf(none.json).code, '2020');
  });

  it('read-only fields are ignored; name lists cannot be deleted but can be made inactive', async () => {
    const c = await create('Customer', { DisplayName: 'Readonly Inc', FullyQualifiedName: 'Hacked', Level: 3, BalanceWithJobs: 99 });
    assert.equal(c.FullyQualifiedName, 'Readonly Inc');
    assert.equal(c.Level, 0);
    const del = await h.api('POST', 'customer?operation=delete', { Id: c.Id, SyncToken: c.SyncToken });
    assert.equal(del.status, 400);
    const off = await h.api('POST', 'customer', { Id: c.Id, SyncToken: c.SyncToken, sparse: true, Active: false });
    assert.equal((off.json.Customer as Obj).Active, false);
    const hidden = await h.api('GET', `query?query=${encodeURIComponent("select * from Customer where DisplayName = 'Readonly Inc'")}`);
    assert.deepEqual(hidden.json.QueryResponse, {});
    const shown = await h.api('GET', `query?query=${encodeURIComponent("select * from Customer where DisplayName = 'Readonly Inc' and Active in (true, false)")}`);
    assert.equal((shown.json.QueryResponse as { Customer: Obj[] }).Customer.length, 1);
  });

  it('reading an unknown id is 610 Object Not Found with HTTP 400', async () => {
    const res = await h.api('GET', 'customer/999999');
    assert.equal(res.status, 400);
    assert.equal(faultOf(res.json).code, '610');
  });
});

describe('items and accounts', () => {
  it('item names are unique (6240); Type and IncomeAccountRef are required; refs are checked (2500)', async () => {
    const income = await h.api('GET', `query?query=${encodeURIComponent("select * from Account where AccountType = 'Income'")}`);
    const accountId = (income.json.QueryResponse as { Account: Obj[] }).Account[0].Id;
    const item = await create('Item', { Name: 'Consulting Hour', Type: 'Service', UnitPrice: 120, IncomeAccountRef: { value: accountId } });
    assert.equal((item.IncomeAccountRef as { value: string }).value, accountId);
    const dup = await h.api('POST', 'item', { Name: 'consulting hour', Type: 'Service', IncomeAccountRef: { value: accountId } });
    assert.equal(faultOf(dup.json).code, '6240');
    const noType = await h.api('POST', 'item', { Name: 'No Type', IncomeAccountRef: { value: accountId } });
    assert.equal(faultOf(noType.json).code, '2020');
    const badRef = await h.api('POST', 'item', { Name: 'Bad Ref', Type: 'Service', IncomeAccountRef: { value: '987654' } });
    assert.equal(faultOf(badRef.json).code, '2500');
    assert.equal(faultOf(badRef.json).element, 'IncomeAccountRef');
  });

  it('AR and Undeposited Funds accounts exist by sub-type', async () => {
    const q = await h.api('GET', `query?query=${encodeURIComponent("select * from Account where AccountSubType in ('AccountsReceivable', 'UndepositedFunds')")}`);
    const rows = (q.json.QueryResponse as { Account: Array<{ AccountType: string; AccountSubType: string }> }).Account;
    assert.deepEqual(rows.map((a) => a.AccountSubType).sort(), ['AccountsReceivable', 'UndepositedFunds']);
    assert.deepEqual(rows.map((a) => a.AccountType).sort(), ['Accounts Receivable', 'Other Current Asset']);
  });
});

describe('invoices and payments', () => {
  async function fixtures(): Promise<{ customer: Obj; item: Obj }> {
    const customer = await create('Customer', { DisplayName: `Invoice Client ${Math.random().toString(36).slice(2, 8)}` });
    const q = await h.api('GET', `query?query=${encodeURIComponent("select * from Item where Name = 'Hours'")}`);
    return { customer, item: (q.json.QueryResponse as { Item: Obj[] }).Item[0] };
  }

  it('computes TotalAmt and Balance exactly and appends the SubTotalLine', async () => {
    const { customer, item } = await fixtures();
    const inv = await create('Invoice', {
      CustomerRef: { value: customer.Id },
      TxnDate: '2024-05-01',
      DocNumber: 'T-1001',
      Line: [
        { Amount: 0.3, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 3, UnitPrice: 0.1 } },
        { Amount: 150, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 150 } },
      ],
    });
    assert.equal(inv.TotalAmt, 150.3);
    assert.equal(inv.Balance, 150.3);
    assert.equal(inv.DueDate, '2024-05-01');
    const lines = inv.Line as Array<{ DetailType: string; Amount: number; Id?: string }>;
    assert.equal(lines.at(-1)!.DetailType, 'SubTotalLineDetail');
    assert.equal(lines.at(-1)!.Amount, 150.3);
    assert.deepEqual(lines.slice(0, 2).map((l) => l.Id), ['1', '2']);
  });

  it('refuses a missing Line (2020), an amount that is not Qty × UnitPrice (6070) and a duplicate DocNumber (6140)', async () => {
    const { customer, item } = await fixtures();
    const noLine = await h.api('POST', 'invoice', { CustomerRef: { value: customer.Id } });
    assert.equal(faultOf(noLine.json).code, '2020');
    assert.match(faultOf(noLine.json).Detail, /Line/);
    const mismatch = await h.api('POST', 'invoice', { CustomerRef: { value: customer.Id }, Line: [{ Amount: 100, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 2, UnitPrice: 75 } }] });
    assert.equal(faultOf(mismatch.json).code, '6070');
    const line = [{ Amount: 75, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 75 } }];
    await create('Invoice', { CustomerRef: { value: customer.Id }, DocNumber: 'DUP-1', Line: line });
    const dup = await h.api('POST', 'invoice', { CustomerRef: { value: customer.Id }, DocNumber: 'DUP-1', Line: line });
    assert.equal(faultOf(dup.json).code, '6140');
    const allowed = await h.api('POST', 'invoice?include=allowduplicatedocnum', { CustomerRef: { value: customer.Id }, DocNumber: 'DUP-1', Line: line });
    assert.equal(allowed.status, 200);
    const badItem = await h.api('POST', 'invoice', { CustomerRef: { value: customer.Id }, Line: [{ Amount: 1, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '99999' } } }] });
    assert.equal(faultOf(badItem.json).code, '2500');
    assert.equal(faultOf(badItem.json).element, 'Line.SalesItemLineDetail.ItemRef');
  });

  it('payments lower invoice balances, default to Undeposited Funds, and restore balances when deleted', async () => {
    const { customer, item } = await fixtures();
    const inv = await create('Invoice', { CustomerRef: { value: customer.Id }, Line: [{ Amount: 200, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 2, UnitPrice: 100 } }] });
    const pay = await create('Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 250, Line: [{ Amount: 120.5, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] });
    assert.equal(pay.UnappliedAmt, 129.5);
    const uf = await h.api('GET', `query?query=${encodeURIComponent("select * from Account where AccountSubType = 'UndepositedFunds'")}`);
    assert.equal((pay.DepositToAccountRef as { value: string }).value, (uf.json.QueryResponse as { Account: Obj[] }).Account[0].Id);
    const after = (await h.api('GET', `invoice/${inv.Id}`)).json.Invoice as Obj;
    assert.equal(after.Balance, 79.5);
    assert.equal(after.SyncToken, '1');
    assert.deepEqual(after.LinkedTxn, [{ TxnId: pay.Id, TxnType: 'Payment' }]);
    const over = await h.api('POST', 'payment', { CustomerRef: { value: customer.Id }, TotalAmt: 100, Line: [{ Amount: 100, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] });
    assert.equal(faultOf(over.json).code, '6000');
    const notDeletable = await h.api('POST', 'invoice?operation=delete', { Id: inv.Id, SyncToken: after.SyncToken });
    assert.equal(faultOf(notDeletable.json).code, '6000');
    const del = await h.api('POST', 'payment?operation=delete', { Id: pay.Id, SyncToken: pay.SyncToken });
    assert.deepEqual({ ...(del.json.Payment as Obj) }, { status: 'Deleted', domain: 'QBO', Id: pay.Id });
    const restored = (await h.api('GET', `invoice/${inv.Id}`)).json.Invoice as Obj;
    assert.equal(restored.Balance, 200);
    assert.deepEqual(restored.LinkedTxn, []);
    const gone = await h.api('GET', `payment/${pay.Id}`);
    assert.equal(faultOf(gone.json).code, '610');
  });

  it('voids invoices (operation=void) and payments (operation=update&include=void)', async () => {
    const { customer, item } = await fixtures();
    const inv = await create('Invoice', { CustomerRef: { value: customer.Id }, Line: [{ Amount: 90, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 90 } }] });
    const pay = await create('Payment', { CustomerRef: { value: customer.Id }, TotalAmt: 90, Line: [{ Amount: 90, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] });
    const voidPay = await h.api('POST', 'payment?operation=update&include=void', { Id: pay.Id, SyncToken: pay.SyncToken, sparse: true });
    assert.equal((voidPay.json.Payment as Obj).TotalAmt, 0);
    const invNow = (await h.api('GET', `invoice/${inv.Id}`)).json.Invoice as Obj;
    assert.equal(invNow.Balance, 90);
    const voidInv = await h.api('POST', 'invoice?operation=void', { Id: inv.Id, SyncToken: invNow.SyncToken });
    const v = voidInv.json.Invoice as Obj;
    assert.equal(v.TotalAmt, 0);
    assert.equal(v.Balance, 0);
    assert.equal(v.PrivateNote, 'Voided');
  });

  it('a Canadian company needs a tax code on every sales line (6000)', async () => {
    const ca = await h.mint(CA);
    const customers = await h.api('GET', `query?query=${encodeURIComponent('select * from Customer')}`, undefined, { realm: CA, token: ca.access_token });
    const items = await h.api('GET', `query?query=${encodeURIComponent('select * from Item')}`, undefined, { realm: CA, token: ca.access_token });
    const customer = (customers.json.QueryResponse as { Customer: Obj[] }).Customer[0];
    const item = (items.json.QueryResponse as { Item: Obj[] }).Item[0];
    const res = await h.api('POST', 'invoice', { CustomerRef: { value: customer.Id }, Line: [{ Amount: 80, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 80 } }] }, { realm: CA, token: ca.access_token });
    assert.equal(faultOf(res.json).code, '6000');
  });
});
