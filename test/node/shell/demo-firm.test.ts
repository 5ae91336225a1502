import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTACT_TYPE_NAMES, generateDemoFirm } from '../../../dev/shell/demo-firm';

// An independent check of round(quantity × rate): decimal strings, no shared helper.
function expectedAmount(quantity: number, rateCents: number): number {
  const [whole, frac = ''] = String(quantity).split('.');
  const scaled = BigInt(whole + frac.padEnd(4, '0')) * BigInt(rateCents);
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const rounded = (abs + 5000n) / 10000n;
  return Number(negative ? -rounded : rounded);
}

test('the demo firm is the same on every run', () => {
  assert.deepEqual(generateDemoFirm(), generateDemoFirm());
});

test('the demo firm has the contact types, ~300 distinct contacts, staff and users', () => {
  const firm = generateDemoFirm();
  assert.deepEqual(firm.contactTypes.map((t) => t.name), [...CONTACT_TYPE_NAMES]);
  assert.equal(firm.contacts.length, 300);
  assert.equal(new Set(firm.contacts.map((c) => c.id)).size, 300);
  assert.equal(new Set(firm.contacts.map((c) => c.accountNumber)).size, 300);
  assert.equal(new Set(firm.contacts.map((c) => c.displayName)).size, 300);
  const kinds = new Set(firm.contacts.map((c) => c.kind));
  assert.deepEqual([...kinds].sort(), ['business', 'individual']);
  for (const c of firm.contacts) {
    assert.match(c.email ?? '', /^[^\s@]+@[^\s@]+\.[^\s@]+$/, `${c.id} email`);
    assert.match(c.phone ?? '', /^\(\d{3}\) 555-\d{4}$/, `${c.id} phone`);
    assert.ok(c.address?.line1 && c.address.city && /^[A-Z]{2}$/.test(c.address.state ?? '') && /^\d{5}$/.test(c.address.postalCode ?? ''), `${c.id} address`);
    assert.ok(firm.contactTypes.some((t) => t.id === c.typeId));
    if (c.kind === 'business') assert.equal(c.displayName, c.companyName);
    else assert.ok(c.displayName.startsWith(`${c.lastName}, ${c.firstName}`), c.displayName);
  }
  // Most of a firm's contacts are clients.
  const clients = firm.contacts.filter((c) => c.typeId === 'ct-1').length;
  assert.ok(clients > 150, `clients: ${clients}`);
  assert.equal(firm.employees.length, 12);
  assert.deepEqual(firm.users.map((u) => u.name), ['Pat Lee', 'Sam Ortiz', 'Dana Whitfield']);
  assert.deepEqual(firm.users.map((u) => u.role), ['admin', 'staff', 'staff']);
  assert.equal(firm.users[0].email, 'pat@firm.test');
});

test('the demo firm has look-alikes of the QBO sample customers, never the exact names', () => {
  const names = new Set(generateDemoFirm().contacts.map((c) => c.displayName));
  for (const lookAlike of ['Bills Windsurf Shop', "Duke's Basketball Camp", 'Kookies By Kathy', 'Rodriquez, Diego', 'Cho, Mark', 'Weiskopf Consulting Group']) {
    assert.ok(names.has(lookAlike), lookAlike);
  }
  for (const exact of ["Bill's Windsurf Shop", 'Dukes Basketball Camp', 'Kookies by Kathy', 'Diego Rodriguez', 'Weiskopf Consulting']) {
    assert.ok(!names.has(exact), exact);
  }
});

test('codes, accounts and line items cover what Account Defaults maps', () => {
  const firm = generateDemoFirm();
  const wc = new Map(firm.workCodes.map((w) => [w.number, w]));
  assert.equal(wc.get('100')?.description, 'Bookkeeping - Monthly');
  assert.equal(wc.get('110')?.description, 'Payroll Processing');
  assert.equal(wc.get('210')?.description, 'Tax Preparation - Business');
  assert.equal(wc.get('300')?.description, 'Consulting');
  assert.ok(firm.workCodes.every((w) => Number.isInteger(w.rateCents) && w.rateCents >= 0));
  assert.ok(['Mileage', 'Postage', 'Copies', 'Filing Fees', 'Travel'].every((d) => firm.expenseCodes.some((x) => x.description === d)));
  const purposes = firm.accounts.map((a) => a.purpose).sort();
  assert.deepEqual(purposes, ['accountsReceivable', 'discounts', 'expenseCodeIncome', 'financeCharges', 'paymentDeposit', 'retainers', 'salesTaxPayable', 'workCodeIncome']);
  assert.deepEqual(firm.lineItems.map((l) => l.kind).sort(), ['adjustment', 'discount', 'financeCharge', 'lateFee', 'retainerApplied', 'salesTax']);
});

test('invoice lines and totals are exact to the cent', () => {
  const firm = generateDemoFirm();
  assert.equal(firm.invoices.length, 60);
  assert.equal(new Set(firm.invoices.map((i) => i.number)).size, 60);
  for (const inv of firm.invoices) {
    assert.match(inv.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(inv.lines.some((l) => l.kind === 'time'), `${inv.number} has time`);
    for (const l of inv.lines) {
      assert.ok(Number.isInteger(l.amountCents) && Number.isInteger(l.rateCents));
      assert.equal(l.amountCents, expectedAmount(l.quantity, l.rateCents), `${inv.number} ${l.id}`);
    }
    assert.equal(inv.totalCents, inv.lines.reduce((s, l) => s + l.amountCents, 0));
    assert.ok(inv.totalCents > 0);
  }
  assert.ok(firm.invoices.some((i) => i.lines.some((l) => l.kind === 'expense')));
  assert.ok(firm.invoices.some((i) => i.lines.some((l) => l.amountCents < 0)), 'a discount line');
});

test('payments are applied: balances, partial payments and an unapplied remainder add up', () => {
  const firm = generateDemoFirm();
  assert.equal(firm.payments.length, 25);
  const applied = new Map<string, number>();
  for (const p of firm.payments) {
    assert.deepEqual(p.origin, { system: 'officetools' });
    const sum = p.applications.reduce((s, a) => s + a.amountCents, 0);
    assert.equal(p.unappliedCents, p.amountCents - sum);
    for (const a of p.applications) {
      const inv = firm.invoices.find((i) => i.id === a.invoiceId);
      assert.equal(inv?.contactId, p.contactId);
      applied.set(a.invoiceId, (applied.get(a.invoiceId) ?? 0) + a.amountCents);
    }
  }
  for (const inv of firm.invoices) assert.equal(inv.balanceCents, inv.totalCents - (applied.get(inv.id) ?? 0), inv.number);
  const partial = firm.invoices.filter((i) => applied.has(i.id) && i.balanceCents > 0);
  assert.ok(partial.length >= 3, `partial: ${partial.length}`);
  assert.equal(firm.payments.filter((p) => p.unappliedCents > 0).length, 1);
  assert.ok(firm.payments.some((p) => p.applications.length === 2), 'one payment covers two invoices');
});
