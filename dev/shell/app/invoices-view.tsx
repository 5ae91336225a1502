/**
 * The invoice list and the invoice view. The invoice view carries the installed add-ins'
 * record commands (manifest ContextMenu → ContextMenuCell), run on the invoice in view.
 */
import { CommandBar, DefaultButton, Text } from '@fluentui/react';
import type { Contact, Invoice } from '../../../src/sync/host/protocol';
import { formatCents } from '../money';
import { DataList } from './data-list';
import { toCommandBarItems, type MenuLeaf } from './menu-bar';
import type { MenuItem } from './menu-tree';
import { SHELL_COLORS } from './shell-theme';

export function InvoicesView(props: { invoices: Invoice[] | undefined; error?: string; contacts: Map<string, Contact>; onOpen(invoice: Invoice): void }) {
  return (
    <DataList
      title="Invoices"
      items={props.invoices}
      error={props.error}
      onOpen={props.onOpen}
      columns={[
        {
          key: 'number',
          name: 'Invoice #',
          width: 80,
          render: (i) => (
            <button type="button" onClick={() => props.onOpen(i)} style={{ all: 'unset', cursor: 'pointer', color: SHELL_COLORS.link }} aria-label={`Open invoice ${i.number}`}>
              {i.number}
            </button>
          ),
        },
        { key: 'date', name: 'Date', width: 90, render: (i) => i.date },
        { key: 'contact', name: 'Contact', width: 220, render: (i) => props.contacts.get(i.contactId)?.displayName ?? i.contactId },
        { key: 'total', name: 'Total', width: 100, render: (i) => formatCents(i.totalCents) },
        { key: 'balance', name: 'Balance', width: 100, render: (i) => formatCents(i.balanceCents) },
        { key: 'due', name: 'Due', width: 90, render: (i) => i.dueDate ?? '' },
      ]}
    />
  );
}

export function InvoiceDetail(props: { invoice: Invoice; contact: Contact | undefined; commands: MenuItem[]; onRun(leaf: MenuLeaf): void; onBack(): void }) {
  const { invoice } = props;
  return (
    <section aria-label={`Invoice ${invoice.number}`} style={{ padding: 16, overflow: 'auto', height: '100%', boxSizing: 'border-box' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <DefaultButton text="Back to invoices" onClick={props.onBack} />
        <Text as="h2" variant="xLarge" styles={{ root: { margin: 0 } }}>
          Invoice {invoice.number}
        </Text>
        <div style={{ flex: 1 }} />
        {props.commands.length > 0 && (
          <div aria-label="Record commands">
            <CommandBar items={toCommandBarItems(props.commands, props.onRun)} styles={{ root: { padding: 0 } }} />
          </div>
        )}
      </div>
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content auto', gap: '4px 16px', margin: '16px 0' }}>
        <dt>Contact</dt>
        <dd style={{ margin: 0 }}>{props.contact?.displayName ?? invoice.contactId}</dd>
        <dt>Date</dt>
        <dd style={{ margin: 0 }}>{invoice.date}</dd>
        <dt>Due</dt>
        <dd style={{ margin: 0 }}>{invoice.dueDate ?? ''}</dd>
        <dt>Total</dt>
        <dd style={{ margin: 0 }}>{formatCents(invoice.totalCents)}</dd>
        <dt>Balance</dt>
        <dd style={{ margin: 0 }}>{formatCents(invoice.balanceCents)}</dd>
        {invoice.memo && (
          <>
            <dt>Memo</dt>
            <dd style={{ margin: 0 }}>{invoice.memo}</dd>
          </>
        )}
      </dl>
      <table style={{ borderCollapse: 'collapse', width: '100%' }} aria-label="Invoice lines">
        <thead>
          <tr style={{ textAlign: 'left', borderBottom: `1px solid ${SHELL_COLORS.strongDivider}` }}>
            <th>Service date</th>
            <th>Kind</th>
            <th>Description</th>
            <th style={{ textAlign: 'right' }}>Qty</th>
            <th style={{ textAlign: 'right' }}>Rate</th>
            <th style={{ textAlign: 'right' }}>Amount</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((l) => (
            <tr key={l.id} style={{ borderBottom: `1px solid ${SHELL_COLORS.divider}` }}>
              <td>{l.serviceDate ?? ''}</td>
              <td>{l.kind}</td>
              <td>{l.description}</td>
              <td style={{ textAlign: 'right' }}>{l.quantity}</td>
              <td style={{ textAlign: 'right' }}>{formatCents(l.rateCents)}</td>
              <td style={{ textAlign: 'right' }}>{formatCents(l.amountCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
