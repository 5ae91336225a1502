import { expect } from 'chai';
import { changedExpenseCodeFields, expenseCodeToItem, itemToExpenseCode } from '../../../src/sync/mappings/expense-code-item';
import { MappingError } from '../../../src/sync/mappings/mapping-types';
import { changedWorkCodeFields, itemToWorkCode, workCodeToItem, workCodeItemMapping } from '../../../src/sync/mappings/work-code-item';
import type { WorkCodeFields } from '../../../src/sync/mappings/work-code-item';
import type { QboItem } from '../../../src/sync/qbo/entities';

const ctx = { incomeAccountId: '79' };
const wc: WorkCodeFields = { number: '110', description: 'Tax preparation: individual', rateCents: 15075, active: true };
const stored = (f: object): QboItem => ({ ...f, Id: '33', SyncToken: '0' }) as QboItem;

describe('mapping: work code / expense code ⇄ Item', () => {
  it('maps a work code to a Service item with an exact UnitPrice and the income account', () => {
    const { payload, warnings } = workCodeToItem(wc, ctx);
    expect(payload).to.deep.equal({
      Name: '110 Tax preparation- individual',
      Type: 'Service',
      Description: 'Tax preparation: individual',
      Sku: '110',
      UnitPrice: 150.75,
      IncomeAccountRef: { value: '79' },
      Active: true,
    });
    expect(JSON.stringify(payload.UnitPrice)).to.equal('150.75');
    expect(warnings.map((w) => w.field)).to.deep.equal(['Name']);
    expect(warnings[0].message).to.match(/does not allow ':' in names/);
  });

  it('maps an expense code to a NonInventory item', () => {
    const { payload } = expenseCodeToItem({ number: 'E10', description: 'Copies', rateCents: 15, active: false }, { incomeAccountId: '80' });
    expect(payload).to.deep.equal({
      Name: 'E10 Copies',
      Type: 'NonInventory',
      Description: 'Copies',
      Sku: 'E10',
      UnitPrice: 0.15,
      IncomeAccountRef: { value: '80' },
      Active: false,
    });
  });

  it('round-trips codes through QBO and items through OfficeTools', () => {
    expect(itemToWorkCode(stored(workCodeToItem(wc, ctx).payload))).to.deep.equal({ ...wc, billable: true });
    const ec = { number: '7', description: 'Postage', rateCents: 0, active: true };
    expect(itemToExpenseCode(stored(expenseCodeToItem(ec, ctx).payload))).to.deep.equal({ ...ec, billable: true });
    const q = stored({ Name: '200 Bookkeeping', Type: 'Service', Description: 'Bookkeeping', Sku: '200', UnitPrice: 95, IncomeAccountRef: { value: '79' }, Active: true });
    const back = workCodeToItem(itemToWorkCode(q), ctx).payload;
    expect(back).to.deep.equal({ Name: '200 Bookkeeping', Type: 'Service', Description: 'Bookkeeping', Sku: '200', UnitPrice: 95, IncomeAccountRef: { value: '79' }, Active: true });
  });

  it('reads items made in QBO without a Sku', () => {
    expect(itemToWorkCode(stored({ Name: '310 Payroll services', UnitPrice: 33.33333 }))).to.deep.equal({
      number: '310',
      description: 'Payroll services',
      rateCents: 3333,
      billable: true,
      active: true,
    });
    expect(itemToWorkCode(stored({ Name: 'Consulting', Description: 'General consulting' }))).to.deep.equal({
      number: 'Consulting',
      description: 'General consulting',
      rateCents: 0,
      billable: true,
      active: true,
    });
  });

  it('keeps the number and cuts the description to fit 100 characters', () => {
    const { payload, warnings } = workCodeToItem({ ...wc, description: 'x'.repeat(150) }, ctx);
    expect(payload.Name).to.have.length(100);
    expect(payload.Name?.startsWith('110 xxx')).to.equal(true);
    expect(payload.Description).to.have.length(150);
    expect(warnings[0]).to.include({ code: 'truncated', field: 'Name' });
  });

  it('refuses without an income account, saying where to set it', () => {
    expect(() => workCodeToItem(wc, { incomeAccountId: '' })).to.throw(MappingError, /Account Defaults/);
    try {
      expenseCodeToItem(wc, { incomeAccountId: ' ' });
    } catch (e) {
      expect((e as MappingError).code).to.equal('missing_income_account');
      expect((e as MappingError).message).to.match(/Income for expense codes/);
    }
    expect(() => workCodeToItem({ ...wc, rateCents: 10.5 }, ctx)).to.throw(MappingError, /rate/);
  });

  it('gives only changed fields for a sparse update', () => {
    expect(changedWorkCodeFields(wc, { ...wc, rateCents: 16000 }, ctx)).to.deep.equal({ UnitPrice: 160 });
    expect(workCodeItemMapping.changedFields(wc, { ...wc, active: false }, ctx)).to.deep.equal({ Active: false });
    expect(changedExpenseCodeFields(wc, { ...wc, description: 'Audit' }, ctx)).to.deep.equal({ Name: '110 Audit', Description: 'Audit' });
  });
});
