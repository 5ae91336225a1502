/** The WorkSpace's lists of staff, work codes, expense codes and payments. */
import type { Contact, Employee, ExpenseCode, Payment, WorkCode } from '../../../src/sync/host/protocol';
import { formatCents } from '../money';
import type { FirmApi } from './api-client';
import { DataList } from './data-list';
import { useFirmList } from './use-firm-list';

const yes = (b: boolean) => (b ? 'Yes' : 'No');

export function StaffView({ api, version }: { api: FirmApi; version: number }) {
  const { items, error } = useFirmList<Employee>(api, '/api/firm/employees', version);
  return (
    <DataList
      title="Staff"
      items={items}
      error={error}
      columns={[
        { key: 'name', name: 'Name', width: 180, render: (e) => `${e.lastName}, ${e.firstName}` },
        { key: 'initials', name: 'Initials', width: 60, render: (e) => e.initials ?? '' },
        { key: 'email', name: 'Email', width: 200, render: (e) => e.email ?? '' },
        { key: 'phone', name: 'Phone', width: 120, render: (e) => e.phone ?? '' },
        { key: 'hired', name: 'Hired', width: 90, render: (e) => e.hiredDate ?? '' },
        { key: 'active', name: 'Active', width: 60, render: (e) => yes(e.active) },
      ]}
    />
  );
}

function CodesView({ api, version, title, path }: { api: FirmApi; version: number; title: string; path: string }) {
  const { items, error } = useFirmList<WorkCode | ExpenseCode>(api, path, version);
  return (
    <DataList
      title={title}
      items={items}
      error={error}
      columns={[
        { key: 'number', name: 'Code', width: 60, render: (c) => c.number },
        { key: 'description', name: 'Description', width: 260, render: (c) => c.description },
        { key: 'billable', name: 'Billable', width: 70, render: (c) => yes(c.billable) },
        { key: 'rate', name: 'Rate', width: 90, render: (c) => (c.rateCents ? formatCents(c.rateCents) : '—') },
        { key: 'active', name: 'Active', width: 60, render: (c) => yes(c.active) },
      ]}
    />
  );
}

export const WorkCodesView = (p: { api: FirmApi; version: number }) => <CodesView {...p} title="Work Codes" path="/api/firm/workCodes" />;
export const ExpenseCodesView = (p: { api: FirmApi; version: number }) => <CodesView {...p} title="Expense Codes" path="/api/firm/expenseCodes" />;

export function PaymentsView({ api, version, contacts }: { api: FirmApi; version: number; contacts: Map<string, Contact> }) {
  const { items, error } = useFirmList<Payment>(api, '/api/firm/payments', version);
  return (
    <DataList
      title="Payments"
      items={items}
      error={error}
      columns={[
        { key: 'date', name: 'Date', width: 90, render: (p) => p.date },
        { key: 'contact', name: 'Contact', width: 220, render: (p) => contacts.get(p.contactId)?.displayName ?? p.contactId },
        { key: 'amount', name: 'Amount', width: 100, render: (p) => formatCents(p.amountCents) },
        { key: 'method', name: 'Method', width: 90, render: (p) => p.method ?? '' },
        { key: 'reference', name: 'Reference', width: 100, render: (p) => p.reference ?? '' },
        { key: 'applied', name: 'Applied to', width: 160, render: (p) => p.applications.map((a) => a.invoiceId).join(', ') },
        { key: 'unapplied', name: 'Unapplied', width: 90, render: (p) => (p.unappliedCents ? formatCents(p.unappliedCents) : '') },
        { key: 'origin', name: 'Entered in', width: 110, render: (p) => (p.origin.system === 'qbo' ? 'QuickBooks Online' : 'OfficeTools') },
      ]}
    />
  );
}
