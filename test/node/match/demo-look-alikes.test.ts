/**
 * Issue 13 point 4: the shell's demo firm and the sandbox's US demo company share look-alikes on
 * every Match tab, so Automatch has proposals to show on each, and one staff pair is left to a
 * person ("needs a decision").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDemoCompanies } from '../../../dev/qbo-sandbox/demo-companies';
import type { CompanyState } from '../../../dev/qbo-sandbox/store/company-state';
import { generateDemoFirm } from '../../../dev/shell/demo-firm';
import { contactSpec, employeeSpec, expenseCodeSpec, workCodeSpec } from '../../../src/sync/jobs/match-spec';
import { automatch } from '../../../src/sync/match/automatch';
import type { MatchEntity, MatchKind } from '../../../src/sync/match/types';

const firm = generateDemoFirm();
const us = buildDemoCompanies(Date.UTC(2026, 5, 1))[0];

function active(state: CompanyState, entity: 'Customer' | 'Employee' | 'Item'): unknown[] {
  return [...state.tables[entity].values()].filter((x) => (x as { Active?: boolean }).Active !== false);
}

interface Tab {
  kind: MatchKind;
  left: MatchEntity[];
  right: MatchEntity[];
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the sandbox stores QBO JSON; the specs read it as their QBO types */
const tabs: Record<string, Tab> = {
  contacts: { kind: contactSpec.matchKind, left: firm.contacts.map((c) => contactSpec.otToMatch(c)), right: active(us, 'Customer').map((q) => contactSpec.qboToMatch(q as any)) },
  staff: { kind: employeeSpec.matchKind, left: firm.employees.map((e) => employeeSpec.otToMatch(e)), right: active(us, 'Employee').map((q) => employeeSpec.qboToMatch(q as any)) },
  'work codes': { kind: workCodeSpec.matchKind, left: firm.workCodes.map((w) => workCodeSpec.otToMatch(w)), right: active(us, 'Item').map((q) => workCodeSpec.qboToMatch(q as any)) },
  'expense codes': { kind: expenseCodeSpec.matchKind, left: firm.expenseCodes.map((x) => expenseCodeSpec.otToMatch(x)), right: active(us, 'Item').map((q) => expenseCodeSpec.qboToMatch(q as any)) },
};
/* eslint-enable @typescript-eslint/no-explicit-any */

function named(tab: Tab): { pairs: string[]; held: string[] } {
  const name = new Map([...tab.left, ...tab.right].map((e) => [e.id, e.name]));
  const r = automatch({ kind: tab.kind, left: tab.left, right: tab.right });
  return {
    pairs: r.proposals.map((p) => `${name.get(p.leftId)} ↔ ${name.get(p.rightId)}`),
    held: r.undecided.map((u) => `${name.get(u.leftId)} ↔ ${name.get(u.rightId)}: ${u.reason}`),
  };
}

describe('demo data: Automatch has work on every Match tab', () => {
  it('contacts: look-alikes with a legal form, a branch tag, "&" written out, a middle initial', () => {
    const { pairs } = named(tabs.contacts);
    for (const p of ['Dunmore Family Farms (Gilroy) ↔ Dunmore Family Farms', 'Kettle and Crumb Bakery ↔ Kettle & Crumb Bakery', 'Qureshi, Farah N. ↔ Farah Qureshi', 'Tidewater Logistics, Inc. ↔ Tidewater Logistics']) {
      assert.ok(pairs.includes(p), `${p} in ${JSON.stringify(pairs)}`);
    }
  });
  it('staff: a middle initial, an accent, a middle name; a "Jr." needs a decision', () => {
    const { pairs, held } = named(tabs.staff);
    for (const p of ['Marcus Bell ↔ Marcus J. Bell', 'Elena Vasquez ↔ Elena Vásquez', 'Luis Herrera ↔ Luis Antonio Herrera']) assert.ok(pairs.includes(p), `${p} in ${JSON.stringify(pairs)}`);
    assert.deepEqual(held, ['Ken Yamada ↔ Ken Yamada Jr.: generational suffix on one side only (Jr)']);
  });
  it('work codes: an abbreviation, a plural, word order, the code number in front', () => {
    const { pairs } = named(tabs['work codes']);
    for (const p of ['105 Bank Reconciliation ↔ Bank Recon', '120 Sales Tax Returns ↔ Sales Tax Return', '310 Financial Statements - Compilation ↔ Compilation - Financial Statements']) {
      assert.ok(pairs.includes(p), `${p} in ${JSON.stringify(pairs)}`);
    }
  });
  it('expense codes: the code number in front, the QBO item without it', () => {
    const { pairs } = named(tabs['expense codes']);
    for (const p of ['500 Mileage ↔ Mileage', '530 Filing Fees ↔ Filing Fees']) assert.ok(pairs.includes(p), `${p} in ${JSON.stringify(pairs)}`);
  });
});
