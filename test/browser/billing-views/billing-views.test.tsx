import { expect } from 'chai';
import { act } from 'react';
import type { IntegrationTabContents, IntegrationTabProps } from '../../../src/taskpane/integration-window/integration-tabs';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import { BillingView, type BillingViewName } from '../../../src/taskpane/billing/billing-views';
import type { BillingViewDeps } from '../../../src/taskpane/billing/billing-service';
import type { PanelSettings } from '../../../src/taskpane/shared/panel-services';
import type { HostWindowPage } from '../../../src/taskpane/host-window/host-window-page';
import type { SettingsRecord } from '../../../src/sync/store/schema';
import { button, click, delay, FakeProxy, queryButton, queryLabelled, queryText, render, US_COMPANY, waitFor, type Rendered } from '../taskpane/panel-test-kit';
import { typeDateField } from '../taskpane/date-field';
import type { BillingRunReport } from '../../../src/sync/billing/billing-types';
import { BillingHost, contact, FakeBillingService, invoice, outcome, otPayment, qboPayment, readyDoc } from './fake-billing';

const REALM = US_COMPANY.realmId;

function tab(name: string) {
  return function FakeTab({ context }: IntegrationTabProps) {
    return <p>Fake {name} tab for company {context.realmId}</p>;
  };
}
const TABS: IntegrationTabContents = {
  accountDefaults: tab('Account Defaults'),
  contactMatch: tab('Contact Match'),
  employeeMatch: tab('Employee Match'),
  workCodeMatch: tab('Work Code Match'),
  expenseCodeMatch: tab('Expense Code Match'),
};

const SETTINGS: PanelSettings = {
  load: async (realmId) => ({ realmId, contactSyncEnabled: false, contactTypeIds: [], accountDefaults: {}, lineItemDefaults: {}, depositAccountId: '', updatedAt: '' }) satisfies SettingsRecord,
  save: async () => {
    throw new Error('not used');
  },
};

function rows(region: string): HTMLElement[] {
  const el = document.querySelector(`[role="region"][aria-label="${region}"]`);
  return el ? Array.from(el.querySelectorAll<HTMLElement>('.ms-DetailsRow')) : [];
}

/** Each listed row's cells (check column left out), as the user reads them. */
function table(region: string): string[][] {
  return rows(region).map((r) => Array.from(r.querySelectorAll<HTMLElement>('[role="gridcell"]'), (c) => (c.innerText ?? '').trim()).slice(1));
}

/** The line under each row (why it cannot be checked), '' for rows without one. */
function notes(region: string): string[] {
  const el = document.querySelector(`[role="region"][aria-label="${region}"]`);
  if (!el) return [];
  return rows(region).map((r) => (r.parentElement?.querySelector<HTMLElement>(':scope > [data-row-note="true"]')?.innerText ?? '').trim());
}

/** The panel widths the view asked the host for, in order. */
function widths(host: BillingHost): string[] {
  return host.of('ui.setPanelWidth').map((p) => p.mode);
}

function doneMarks(region: string): boolean[] {
  return rows(region).map((r) => r.querySelector('[data-done="true"]') !== null);
}

function checkbox(ariaLabel: string): HTMLInputElement | undefined {
  return document.querySelector<HTMLInputElement>(`input[type="checkbox"][aria-label="${ariaLabel}"]`) ?? undefined;
}

async function check(ariaLabel: string): Promise<void> {
  await click(await waitFor(() => checkbox(ariaLabel), `check box "${ariaLabel}"`));
}

async function toggleLabelled(label: string): Promise<void> {
  await click(await waitFor(() => queryLabelled<HTMLInputElement>(label), `"${label}"`));
}

async function typeDate(label: string, value: string): Promise<void> {
  await typeDateField(await waitFor(() => queryLabelled<HTMLInputElement>(label), `the field "${label}"`), value);
}

async function choose(label: string, option: string): Promise<void> {
  const box = await waitFor(() => {
    const l = Array.from(document.querySelectorAll('label')).find((x) => x.textContent === label);
    return l?.closest('.ms-Dropdown-container')?.querySelector<HTMLElement>('.ms-Dropdown') ?? undefined;
  }, `the drop-down "${label}"`);
  await click(box);
  const el = await waitFor(() => Array.from(document.querySelectorAll<HTMLElement>('.ms-Callout [role="option"]')).find((o) => (o.textContent ?? '').trim() === option), `option "${option}"`);
  await click(el);
}

/** The MessageBar that says `text`. */
function messageBar(text: string): HTMLElement | undefined {
  return Array.from(document.querySelectorAll<HTMLElement>('.ms-MessageBar')).find((m) => (m.textContent ?? '').includes(text));
}

function dialogText(): string {
  return Array.from(document.querySelectorAll<HTMLElement>('.ms-Dialog-main'), (d) => d.innerText).join('\n');
}

describe('Time & Billing views', () => {
  let service: FakeBillingService;
  let host: BillingHost;
  let proxy: FakeProxy;
  let opened: string[];
  let integrationsOpened: number;
  let rendered: Rendered | undefined;

  before(() => registerPanelIcons());

  beforeEach(() => {
    service = new FakeBillingService();
    host = new BillingHost();
    proxy = new FakeProxy();
    proxy.connect(US_COMPANY);
    opened = [];
    integrationsOpened = 0;
  });

  afterEach(async () => {
    await rendered?.unmount();
    rendered = undefined;
  });

  /** Other staff's changes to the firm's documents, as the frame's FirmData announces them. */
  let documentWatchers: Array<{ realmId: string; collections: readonly string[]; onChange: () => void }>;

  /** `width`: the view is laid out in a box that wide (a host window's or the panel's width). */
  async function open(view: BillingViewName, opts: { width?: number; page?: HostWindowPage } = {}): Promise<void> {
    documentWatchers = [];
    const deps: BillingViewDeps = {
      openService: async (realmId) => {
        opened.push(realmId);
        return service;
      },
      watch: (realmId, collections, onChange) => {
        const w = { realmId, collections, onChange };
        documentWatchers.push(w);
        return () => {
          documentWatchers = documentWatchers.filter((x) => x !== w);
        };
      },
    };
    const element = <BillingView view={view} host={host} proxy={proxy} settings={SETTINGS} tabs={TABS} deps={deps} onOpenIntegrations={() => integrationsOpened++} page={opts.page} />;
    rendered = await render(opts.width ? <div style={{ width: opts.width, height: 760, display: 'flex', flexDirection: 'column' }}>{element}</div> : element);
  }

  describe('Invoice Export', () => {
    const REGION = 'OfficeTools invoices';

    beforeEach(() => {
      service.invoices = {
        invoices: [
          invoice('i3', '1003', 'c2', '2026-03-10', 45000),
          invoice('i1', '1001', 'c1', '2026-01-15', 123456),
          invoice('i2', '1002', 'c1', '2026-02-20', 9999),
          invoice('i4', '1004', 'c2', '2026-04-01', 100),
        ],
        contacts: new Map([
          ['c1', contact('c1', 'Acme Corp')],
          ['c2', contact('c2', 'Beta Bakery')],
        ]),
        exported: new Set(['i4']),
      };
    });

    it('keeps the column headers in view while the list scrolls', async () => {
      service.invoices = {
        ...service.invoices,
        invoices: Array.from({ length: 60 }, (_, i) => invoice(`m${i}`, String(2000 + i), 'c1', '2026-03-10', 1000 + i)),
        exported: new Set(),
      };
      await open('exportInvoices');
      const region = await waitFor(() => document.querySelector<HTMLElement>(`[role="region"][aria-label="${REGION}"]`), 'the list');
      await waitFor(() => rows(REGION).length > 5, 'rows');
      region.scrollTop = 300;
      await waitFor(() => region.scrollTop > 0, 'the list scrolled');
      const header = region.querySelector<HTMLElement>('[role="columnheader"]');
      // The header row sits at the top of the region (its cells have some padding above them).
      const offset = () => (header ? header.getBoundingClientRect().top - region.getBoundingClientRect().top : -1);
      await waitFor(() => offset() >= 0 && offset() < 40, 'the header at the top of the scrolled list');
    });

    // A vertical scroll bar that appears once the rows are in takes its width from the list; the
    // columns, laid out for the width before it, then ran past the right edge (a horizontal scroll
    // bar for about half a second, until the list measured itself again). Watched every frame.
    for (const { width, page } of [
      { width: 1180, page: false },
      { width: 760, page: false },
      { width: 1180, page: true },
    ]) {
      it(`lays the columns out within the list, no horizontal scroll, at ${width} px (${page ? 'a host window' : 'the panel'})`, async () => {
        service.invoices = {
          ...service.invoices,
          invoices: Array.from({ length: 60 }, (_, i) => invoice(`w${i}`, String(3000 + i), 'c1', '2026-03-10', 100000 + i)),
          exported: new Set(),
        };
        const overflows: string[] = [];
        let watching = true;
        const watch = () => {
          const region = document.querySelector<HTMLElement>(`[role="region"][aria-label="${REGION}"]`);
          if (region && region.scrollWidth > region.clientWidth) overflows.push(`${region.scrollWidth} px of columns in ${region.clientWidth} px with ${rows(REGION).length} rows`);
          if (watching) requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
        try {
          await open('exportInvoices', { width, page: page ? { close: () => undefined, onCloseRequest: () => () => undefined } : undefined });
          const region = await waitFor(() => document.querySelector<HTMLElement>(`[role="region"][aria-label="${REGION}"]`), 'the list');
          await waitFor(() => rows(REGION).length > 10 && region.scrollHeight > region.clientHeight, 'rows enough to scroll');
          // Longer than the list's own re-measure (half a second after a resize).
          await delay(1000);
        } finally {
          watching = false;
        }
        expect(overflows.length, `frames with a horizontal scroll: ${overflows.slice(0, 3).join('; ')}`).to.equal(0);
      });
    }

    it('lists the invoices not yet exported by number, with date, contact and exact amount; the filter shows the exported ones with a check', async () => {
      await open('exportInvoices');
      await waitFor(() => rows(REGION).length === 3, 'three rows');
      expect(opened).to.deep.equal([REALM]);
      expect(queryText('Invoice Export')).to.equal(true);
      expect(queryText(`QuickBooks Online company: ${US_COMPANY.companyName}`)).to.equal(true);
      expect(table(REGION)).to.deep.equal([
        ['1001', '01/15/2026', 'Acme Corp', '$1,234.56', ''],
        ['1002', '02/20/2026', 'Acme Corp', '$99.99', ''],
        ['1003', '03/10/2026', 'Beta Bakery', '$450.00', ''],
      ]);
      const headers = Array.from(document.querySelectorAll<HTMLElement>('[role="columnheader"]'), (h) => h.innerText.trim());
      expect(headers.slice(1)).to.deep.equal(['Number', 'Date', 'Contact', 'Amount', 'Exported']);
      expect(queryLabelled<HTMLInputElement>('Not yet exported')?.checked).to.equal(true);

      await toggleLabelled('Not yet exported');
      await waitFor(() => rows(REGION).length === 4, 'all four rows');
      expect(table(REGION).map((r) => r[0])).to.deep.equal(['1001', '1002', '1003', '1004']);
      expect(doneMarks(REGION)).to.deep.equal([false, false, false, true]);
    });

    it("shows an invoice another staff member exported meanwhile as exported (the firm's journal changed)", async () => {
      await open('exportInvoices');
      await waitFor(() => rows(REGION).length === 3, 'three rows');
      expect(documentWatchers.map((w) => [w.realmId, [...w.collections]])).to.deep.equal([[REALM, ['documents']]]);
      service.invoices = { ...service.invoices, exported: new Set(['i4', 'i1']) };
      await act(async () => {
        for (const w of documentWatchers) w.onChange();
      });
      await waitFor(() => rows(REGION).length === 2, 'the invoice exported by someone else to leave "Not yet exported"');
      expect(table(REGION).map((r) => r[0])).to.deep.equal(['1002', '1003']);
    });

    it('filters by date range and by contact, and Select all checks only what is listed', async () => {
      await open('exportInvoices');
      await waitFor(() => rows(REGION).length === 3, 'rows');
      await typeDate('From', '2026-02-01');
      await waitFor(() => rows(REGION).length === 2, 'rows from February');
      expect(table(REGION).map((r) => r[0])).to.deep.equal(['1002', '1003']);
      await typeDate('To', '2026-02-28');
      await waitFor(() => rows(REGION).length === 1, 'February only');
      expect(table(REGION)[0][0]).to.equal('1002');
      await typeDate('From', '');
      await typeDate('To', '');
      await choose('Contact', 'Beta Bakery');
      await waitFor(() => rows(REGION).length === 1, 'Beta Bakery only');
      expect(table(REGION)[0][0]).to.equal('1003');
      await choose('Contact', 'All contacts');
      await waitFor(() => rows(REGION).length === 3, 'all contacts again');

      expect(queryButton('Export Selected')?.disabled).to.equal(true);
      await toggleLabelled('Select all');
      await waitFor(() => checkbox('Check invoice 1001')?.checked && checkbox('Check invoice 1003')?.checked, 'all checked');
      expect(document.querySelector('[aria-label="Selection"]')?.textContent).to.equal('3 of 3 invoices checked, $1,784.55');
      expect(queryButton('Export Selected')?.disabled).to.equal(false);

      // A filter that hides a checked invoice also unchecks it: nothing is sent unseen.
      await choose('Contact', 'Acme Corp');
      await waitFor(() => rows(REGION).length === 2, 'Acme only');
      await choose('Contact', 'All contacts');
      await waitFor(() => rows(REGION).length === 3, 'all again');
      expect(checkbox('Check invoice 1003')?.checked).to.equal(false);
      expect(checkbox('Check invoice 1001')?.checked).to.equal(true);
      await toggleLabelled('Select all');
      await toggleLabelled('Select all');
      expect(checkbox('Check invoice 1001')?.checked).to.equal(false);
      expect(queryButton('Export Selected')?.disabled).to.equal(true);
    });

    it('Export Selected shows the plan, fixes a blocked invoice in the Integration window, runs with progress and confirms; OK closes and the check appears', async () => {
      let linked = false;
      service.planner = (ids) => ({
        ready: ids.filter((id) => id !== 'i3' || linked).map((id) => readyDoc(id, `Invoice ${id === 'i1' ? '1001' : id === 'i2' ? '1002' : '1003'}`, id === 'i1' ? 123456 : id === 'i2' ? 9999 : 45000)),
        blocked:
          ids.includes('i3') && !linked
            ? [{ sourceId: 'i3', label: 'Invoice 1003', reasons: [{ code: 'contact_not_linked', message: 'Beta Bakery is not linked to a QuickBooks Online customer.', fix: { label: 'Open Contact Match', view: 'contactMatch', focusId: 'c2' } }] }]
            : [],
      });
      await open('exportInvoices');
      await waitFor(() => rows(REGION).length === 3, 'rows');
      await check('Check invoice 1001');
      await check('Check invoice 1003');
      await click(await button('Export Selected'));
      await waitFor(() => dialogText().includes('Cannot go yet'), 'the plan');
      expect(service.planCalls).to.deep.equal([['i1', 'i3']]);
      const plan = dialogText();
      expect(plan).to.include('Export 2 invoices to QuickBooks Online');
      expect(plan).to.include('1 invoice is ready. 1 invoice cannot go yet');
      expect(plan).to.include('Invoice 1001 — $1,234.56');
      expect(plan).to.include('Beta Bakery is not linked to a QuickBooks Online customer.');

      // The fix opens the Integration window at Contact Match, over the plan; closing it plans again.
      await click(await button('Open Contact Match (Invoice 1003)'));
      await waitFor(() => queryText('Fake Contact Match tab for company 9130350'), 'the Contact Match tab');
      expect(host.of('ui.showPanel')).to.deep.equal([]);
      linked = true;
      await click(await button('Close'));
      await waitFor(() => service.planCalls.length === 2 && dialogText().includes('All 2 are ready.'), 'the plan again');

      await click(await button('Export 2 invoices'));
      const run = await waitFor(() => service.runs[0], 'the run');
      expect(run.plan.ready.map((d) => d.sourceId)).to.deep.equal(['i1', 'i3']);
      await act(async () => run.control.onProgress({ kind: 'invoiceExport', done: 1, total: 2, failed: 1 }));
      await waitFor(() => dialogText().includes('1 of 2 done, 1 failed so far'), 'the progress');
      expect(dialogText()).to.include('Exporting invoices to QuickBooks Online');
      await act(async () => run.finish({ cancelled: false, outcomes: [outcome('i1', 'Invoice 1001', 'created'), outcome('i3', 'Invoice 1003', 'failed', 'Duplicate Document Number Error: 1003 is already used.')] }));
      await waitFor(() => dialogText().includes('Invoice 1001 was exported to QuickBooks Online.'), 'the confirmation');
      expect(dialogText()).to.include('1 invoice failed.');
      expect(dialogText()).to.include('Invoice 1003: Duplicate Document Number Error: 1003 is already used.');
      await click(await button('OK'));
      await waitFor(() => !dialogText(), 'the message to close');
      // Still listed under "Not yet exported" while the window is open, so the check is seen.
      expect(table(REGION).map((r) => r[0])).to.deep.equal(['1001', '1002', '1003']);
      expect(doneMarks(REGION)).to.deep.equal([true, false, false]);
      expect(checkbox('Check invoice 1001')?.checked).to.equal(false);
      expect(checkbox('Check invoice 1003')?.checked).to.equal(true);
    });

    it('a number QuickBooks already has offers fixes in place: Add prefix OT- is applied, said, and the plan is made again', async () => {
      let prefixed = false;
      service.fixAnswer = 'Exported invoices now keep OfficeTools\' numbers with the prefix "OT-".';
      service.planner = (ids) => ({
        ready: prefixed ? ids.map((id) => readyDoc(id, 'Invoice 1001 — Acme Corp', 123456)) : [],
        blocked: prefixed
          ? []
          : ids.map((id) => ({
              sourceId: id,
              label: 'Invoice 1001 — Acme Corp',
              reasons: [
                {
                  code: 'duplicate_doc_number' as const,
                  message: 'QuickBooks Online already has an invoice numbered 1001 for another customer, and it refuses a second one with that number.',
                  actions: [
                    { kind: 'setInvoiceNumbering' as const, label: 'Add prefix OT-', numbering: { mode: 'prefix' as const, prefix: 'OT-' } },
                    { kind: 'setInvoiceNumbering' as const, label: 'Let QuickBooks number them', numbering: { mode: 'qbo' as const } },
                  ],
                },
              ],
            })),
      });
      await open('exportInvoices');
      await waitFor(() => rows(REGION).length === 3, 'rows');
      await check('Check invoice 1001');
      await click(await button('Export Selected'));
      await waitFor(() => dialogText().includes('Cannot go yet'), 'the plan');
      expect(dialogText()).to.include('already has an invoice numbered 1001 for another customer');
      expect(dialogText()).to.not.match(/renumber/i);
      expect(queryButton('Let QuickBooks number them (Invoice 1001 — Acme Corp)')).to.not.equal(null);
      prefixed = true;
      await click(await button('Add prefix OT- (Invoice 1001 — Acme Corp)'));
      await waitFor(() => service.planCalls.length === 2 && dialogText().includes('It is ready.'), 'the plan again');
      expect(service.fixes).to.deep.equal([{ kind: 'setInvoiceNumbering', label: 'Add prefix OT-', numbering: { mode: 'prefix', prefix: 'OT-' } }]);
      expect(dialogText()).to.include('prefix "OT-"');
    });

    it('Cancel stops the run between batches and the message says what was not sent', async () => {
      await open('exportInvoices');
      await waitFor(() => rows(REGION).length === 3, 'rows');
      await toggleLabelled('Select all');
      await click(await button('Export Selected'));
      await click(await button('Export 3 invoices'));
      const run = await waitFor(() => service.runs[0], 'the run');
      await click(await button('Cancel'));
      expect(run.control.signal.aborted).to.equal(true);
      await waitFor(() => dialogText().includes('Stopping after the batch being sent'), 'stopping');
      expect(queryButton('Stopping…')?.disabled).to.equal(true);
      await act(async () => run.finish({ cancelled: true, outcomes: [outcome('i1', 'Invoice 1001', 'created'), outcome('i2', 'Invoice 1002', 'linkedExisting')] }));
      await waitFor(() => dialogText().includes('2 invoices were exported to QuickBooks Online.'), 'the message');
      expect(dialogText()).to.include('You clicked Cancel, so the rest were not sent.');
      expect(dialogText()).to.include('Invoice 1002 was already in QuickBooks Online');
      await click(await button('OK'));
      await waitFor(() => doneMarks(REGION).filter(Boolean).length === 2, 'two checks');
    });

    it('Cancel on the plan sends nothing; a plan with nothing ready offers no export', async () => {
      service.planner = (ids) => ({ ready: [], blocked: ids.map((id) => ({ sourceId: id, label: `Invoice ${id}`, reasons: [{ code: 'no_lines', message: 'It has no lines.' }] })) });
      await open('exportInvoices');
      await waitFor(() => rows(REGION).length === 3, 'rows');
      await check('Check invoice 1002');
      await click(await button('Export Selected'));
      await waitFor(() => dialogText().includes('None of them can go yet'), 'the plan');
      expect(Array.from(document.querySelectorAll('.ms-Dialog-main button'), (b) => b.textContent?.trim())).to.deep.equal(['Cancel']);
      await click(await button('Cancel'));
      await waitFor(() => !dialogText(), 'closed');
      expect(service.runs).to.have.length(0);
    });

    it('a failed run or a failed plan shows one message in words, and the list stays', async () => {
      await open('exportInvoices');
      await waitFor(() => rows(REGION).length === 3, 'rows');
      await check('Check invoice 1001');
      await click(await button('Export Selected'));
      await click(await button('Export 1 invoice'));
      const run = await waitFor(() => service.runs[0], 'the run');
      await act(async () => run.fail(new Error('The connection to QuickBooks Online dropped')));
      await waitFor(() => queryText('The invoices were not all exported'), 'the error');
      expect(queryText('The connection to QuickBooks Online dropped')).to.equal(true);
      expect(document.querySelectorAll('.ms-MessageBar--error')).to.have.length(1);
      expect(rows(REGION)).to.have.length(3);

      service.planner = () => {
        throw new Error('links unreadable');
      };
      await click(await button('Export Selected'));
      await waitFor(() => queryText('Could not check the selected invoices'), 'the plan error');
      expect(document.querySelectorAll('.ms-MessageBar--error')).to.have.length(1);
    });

    it('a list that cannot load says so', async () => {
      service.listError = new Error('OfficeTools is busy');
      await open('exportInvoices');
      await waitFor(() => queryText('Could not load the OfficeTools invoices'), 'the error');
      expect(queryText('OfficeTools is busy')).to.equal(true);
    });
  });

  describe('Payment Import', () => {
    const REGION = 'QuickBooks Online payments';

    beforeEach(() => {
      service.qboPayments = {
        payments: [
          qboPayment('p1', 'Acme Corp', '2026-03-01', 50000),
          qboPayment('p2', 'Stranger Inc', '2026-03-05', 2500),
          qboPayment('p3', 'Acme Corp', '2026-03-07', 12345, true),
          qboPayment('p4', 'Acme Corp', '2026-02-01', 700),
        ],
        synced: new Set(['p4']),
      };
      service.planner = (ids) => ({
        ready: ids.filter((id) => id !== 'p2').map((id) => readyDoc(id, `Payment ${id}`, 100)),
        blocked: ids.includes('p2')
          ? [{ sourceId: 'p2', label: 'Payment p2', reasons: [{ code: 'customer_not_linked', message: 'Stranger Inc is not linked to an OfficeTools contact.', fix: { label: 'Open Contact Match', view: 'contactMatch' } }] }]
          : [],
      });
    });

    it('never offers payments that came from OfficeTools; unlinked customers say why and cannot be checked; Import Selected confirms and marks Sync’d', async () => {
      await open('importPayments');
      await waitFor(() => rows(REGION).length === 2, 'rows');
      expect(table(REGION)).to.deep.equal([
        ['03/05/2026', 'Stranger Inc', '$25.00', 'REF-p2', 'QuickBooks Dp2', ''],
        ['03/01/2026', 'Acme Corp', '$500.00', 'REF-p1', 'QuickBooks Dp1', ''],
      ]);
      // The reason is a line under the row, not a column a narrow panel pushes out of view.
      await waitFor(() => notes(REGION)[0] !== '', 'the reason under the row');
      expect(notes(REGION)).to.deep.equal(['Stranger Inc is not linked to an OfficeTools contact.\nOpen Contact Match', '']);
      const headers = Array.from(document.querySelectorAll<HTMLElement>('[role="columnheader"]'), (h) => h.innerText.trim());
      expect(headers.slice(1)).to.deep.equal(['Date', 'Customer', 'Amount', 'Reference', 'Pays invoices', 'Sync’d']);
      expect(service.planCalls[0]).to.have.members(['p1', 'p2']);
      const blocked = checkbox('Check payment of $25.00 from Stranger Inc on 03/05/2026');
      expect(blocked?.disabled).to.equal(true);
      expect(document.getElementById(blocked?.getAttribute('aria-describedby') ?? '')?.innerText).to.include('Stranger Inc is not linked to an OfficeTools contact.');
      expect(checkbox('Check payment of $500.00 from Acme Corp on 03/01/2026')?.hasAttribute('aria-describedby')).to.equal(false);

      await toggleLabelled('Not yet imported');
      await waitFor(() => rows(REGION).length === 3, 'the imported one too');
      expect(doneMarks(REGION)).to.deep.equal([false, false, true]);
      await toggleLabelled('Not yet imported');

      await toggleLabelled('Select all');
      expect(checkbox('Check payment of $500.00 from Acme Corp on 03/01/2026')?.checked).to.equal(true);
      await click(await button('Import Selected'));
      await waitFor(() => dialogText().includes('Import 1 payment into OfficeTools'), 'the confirmation');
      await click(await button('Import 1 payment'));
      const run = await waitFor(() => service.runs[0], 'the run');
      const detail = 'Partly applied: $400.00 to OfficeTools invoice 1001 (QuickBooks invoice Dp1); $100.00 unapplied.';
      await act(async () => run.finish({ cancelled: false, outcomes: [{ ...outcome('p1', 'Payment of $500.00 from Acme Corp', 'created'), detail }] }));
      await waitFor(() => dialogText().includes(`Payment of $500.00 from Acme Corp was imported into OfficeTools. ${detail}`), 'the message says how it is applied');
      expect(dialogText().split('$500.00')).to.have.length(2, 'the amount once');
      await click(await button('OK'));
      await waitFor(() => doneMarks(REGION)[1] === true, 'the Sync’d check');
    });

    it('the fix in a row opens the Integration window and the reasons are checked again after it', async () => {
      await open('importPayments');
      await waitFor(() => rows(REGION).length === 2, 'rows');
      await click(await button('Open Contact Match (payment of $25.00 from Stranger Inc on 03/05/2026)'));
      await waitFor(() => queryText('Fake Contact Match tab'), 'the tab');
      service.planner = (ids) => ({ ready: ids.map((id) => readyDoc(id, id, 1)), blocked: [] });
      await click(await button('Close'));
      await waitFor(() => checkbox('Check payment of $25.00 from Stranger Inc on 03/05/2026')?.disabled === false, 'the row to become checkable');
      expect(service.planCalls).to.have.length(2);
    });
  });

  describe('Payment Export', () => {
    const REGION = 'OfficeTools payments';

    beforeEach(() => {
      service.payments = {
        payments: [
          otPayment('y1', 'c1', '2026-03-01', 123456, 'i1'),
          otPayment('y2', 'c2', '2026-03-02', 5000, 'i3'),
          otPayment('y3', 'c1', '2026-03-03', 999, 'i2', { system: 'qbo', realmId: REALM, qboId: '77' }),
          otPayment('y4', 'c1', '2026-01-03', 1, 'i2'),
        ],
        contacts: new Map([
          ['c1', contact('c1', 'Acme Corp')],
          ['c2', contact('c2', 'Beta Bakery')],
        ]),
        invoiceNumbers: new Map([
          ['i1', '1001'],
          ['i3', '1003'],
        ]),
        exported: new Set(['y4']),
      };
      service.planner = (ids) => ({
        ready: ids.filter((id) => id !== 'y2').map((id) => readyDoc(id, `Payment ${id}`, 100)),
        blocked: ids.includes('y2')
          ? [{ sourceId: 'y2', label: 'Payment y2', reasons: [{ code: 'invoice_not_exported', message: 'Invoice 1003 has not been exported yet. Export it first.', fix: { label: 'Open Invoice Export', view: 'exportInvoices', focusId: 'i3' } }] }]
          : [],
      });
    });

    it('never offers payments imported from QuickBooks Online; says why a payment cannot go; a fix elsewhere asks OfficeTools to show that window', async () => {
      await open('exportPayments');
      await waitFor(() => rows(REGION).length === 2, 'rows');
      expect(table(REGION)).to.deep.equal([
        ['03/02/2026', 'Beta Bakery', '$50.00', 'CHK-y2', '1003', ''],
        ['03/01/2026', 'Acme Corp', '$1,234.56', 'CHK-y1', '1001', ''],
      ]);
      await waitFor(() => notes(REGION)[0] !== '', 'the reason under the row');
      expect(notes(REGION)).to.deep.equal(['Invoice 1003 has not been exported yet. Export it first.\nOpen Invoice Export', '']);
      expect(checkbox('Check payment of $50.00 from Beta Bakery on 03/02/2026')?.disabled).to.equal(true);
      await click(await button('Open Invoice Export (payment of $50.00 from Beta Bakery on 03/02/2026)'));
      await waitFor(() => host.of('ui.showPanel').length === 1, 'the host call');
      expect(host.of('ui.showPanel')).to.deep.equal([{ view: 'exportInvoices', focusId: 'i3' }]);
    });

    it('Export Selected confirms, runs and shows the Exported check; a stopped run says to run it again', async () => {
      await open('exportPayments');
      await waitFor(() => rows(REGION).length === 2, 'rows');
      await check('Check payment of $1,234.56 from Acme Corp on 03/01/2026');
      await click(await button('Export Selected'));
      await waitFor(() => dialogText().includes('Export 1 payment to QuickBooks Online'), 'the confirmation');
      expect(dialogText()).to.include('It is ready.');
      await click(await button('Export 1 payment'));
      const run = await waitFor(() => service.runs[0], 'the run');
      expect(run.plan.ready.map((d) => d.sourceId)).to.deep.equal(['y1']);
      await act(async () =>
        run.finish({ cancelled: false, outcomes: [outcome('y1', 'Payment y1', 'created')], stoppedBy: { code: 'auth', message: 'The QuickBooks Online connection expired.' } }),
      );
      await waitFor(() => dialogText().includes('Payment y1 was exported to QuickBooks Online.'), 'the message');
      expect(dialogText()).to.include('The run stopped early: The QuickBooks Online connection expired.');
      await click(await button('OK'));
      await waitFor(() => doneMarks(REGION)[1] === true, 'the Exported check');
      expect(doneMarks(REGION)[0]).to.equal(false);
    });

    it('finishes an export a reload cut off when the window opens: says what it finished and marks it exported, once per window', async () => {
      const asked: string[] = [];
      let finish: (report: BillingRunReport | undefined) => void = () => undefined;
      service.finishInterrupted = (kind) => {
        asked.push(kind);
        return new Promise((resolve) => (finish = resolve));
      };
      await open('exportPayments');
      await waitFor(() => rows(REGION).length === 2, 'rows');
      expect(asked).to.deep.equal(['paymentExport']);
      expect(doneMarks(REGION)).to.deep.equal([false, false]);
      // What the finishing run recorded is what the list reads next.
      service.payments = { ...service.payments, exported: new Set(['y4', 'y1']) };
      await act(async () => finish({ kind: 'paymentExport', cancelled: false, writeRequests: 1, outcomes: [outcome('y1', 'Payment y1', 'linkedExisting')] }));
      const note = await waitFor(() => messageBar('A payment export was interrupted'), 'the message');
      expect(note.textContent).to.include('It has been finished now: 1 payment is in QuickBooks Online and marked exported, none twice.');
      await waitFor(() => rows(REGION).length === 1, 'the finished payment leaves "Not yet exported"');
      expect(table(REGION)[0][1]).to.equal('Beta Bakery');
      expect(asked).to.deep.equal(['paymentExport'], 'asked once');
    });

    it('a finishing run that could not finish some says which and why, as a warning', async () => {
      service.finishInterrupted = async () => ({
        kind: 'paymentExport',
        cancelled: false,
        writeRequests: 1,
        outcomes: [outcome('y1', 'Payment y1', 'created'), outcome('y2', 'Payment y2', 'failed', 'Invoice 1003 was deleted in QuickBooks Online.')],
      });
      await open('exportPayments');
      const note = await waitFor(() => messageBar('A payment export was interrupted'), 'the message');
      expect(note.className).to.include('warning');
      expect(note.textContent).to.include('1 payment could not be finished yet: Payment y2: Invoice 1003 was deleted in QuickBooks Online.');
    });
  });

  describe('Invoice Export finishing', () => {
    it('finishes an invoice export a reload cut off when the window opens, and says so', async () => {
      service.invoices = { invoices: [invoice('i1', '1001', 'c1', '2026-03-01', 100)], contacts: new Map([['c1', contact('c1', 'Acme Corp')]]), exported: new Set() };
      const asked: string[] = [];
      service.finishInterrupted = async (kind) => (asked.push(kind), { kind: 'invoiceExport', cancelled: false, writeRequests: 1, outcomes: [outcome('i1', 'Invoice 1001', 'created'), outcome('i2', 'Invoice 1002', 'linkedExisting')] });
      await open('exportInvoices');
      const note = await waitFor(() => messageBar('An invoice export was interrupted'), 'the message');
      expect(note.textContent).to.include('It has been finished now: 2 invoices are in QuickBooks Online and marked exported, none twice.');
      expect(asked).to.deep.equal(['invoiceExport']);
    });
  });

  it('without a QuickBooks Online connection each window says what to do and opens Integration Options', async () => {
    proxy.current = { connected: false };
    await open('exportPayments');
    await waitFor(() => queryText('Payment Export needs a QuickBooks Online connection.'), 'the warning');
    expect(opened).to.deep.equal([]);
    await click(await button('Open QuickBooks Integration Options'));
    expect(integrationsOpened).to.equal(1);
  });

  it('a company outside the US is refused with the reason', async () => {
    proxy.connect({ realmId: '1', companyName: 'Maple', country: 'CA' });
    await open('importPayments');
    await waitFor(() => queryText('Payment Import needs a QuickBooks Online connection.'), 'the warning');
    expect(opened).to.deep.equal([]);
  });

  it('closes the service when the window goes away', async () => {
    await open('exportInvoices');
    await waitFor(() => opened.length === 1, 'opened');
    await rendered?.unmount();
    rendered = undefined;
    expect(service.closed).to.equal(1);
  });

  it('asks for the wide panel while shown, again after the Integration window over it closes, and restores it on leaving', async () => {
    service.qboPayments = { payments: [qboPayment('p2', 'Stranger Inc', '2026-03-05', 2500)], synced: new Set() };
    service.planner = (ids) => ({
      ready: [],
      blocked: ids.map((id) => ({ sourceId: id, label: id, reasons: [{ code: 'customer_not_linked', message: 'Stranger Inc is not linked to an OfficeTools contact.', fix: { label: 'Open Contact Match', view: 'contactMatch' } }] })),
    });
    await open('importPayments');
    await waitFor(() => rows('QuickBooks Online payments').length === 1, 'the row');
    expect(widths(host)).to.deep.equal(['wide']);
    await click(await button('Open Contact Match (payment of $25.00 from Stranger Inc on 03/05/2026)'));
    await waitFor(() => queryText('Fake Contact Match tab'), 'the Integration window');
    await click(await button('Close'));
    await waitFor(() => !queryText('Fake Contact Match tab'), 'the Integration window to close');
    // The window's own "normal" on closing is followed by the list's "wide".
    expect(widths(host).at(-1)).to.equal('wide');
    await rendered?.unmount();
    rendered = undefined;
    expect(widths(host).at(-1)).to.equal('normal');
  });
});
