import { expect } from 'chai';
import { createExportInvoiceHandler, EXPORT_TITLE, type ExportInvoiceCommandDeps } from '../../../src/commands/command-handlers';
import type { ConnectionStatus } from '../../../src/sync/connection/connection-status';
import { BillingHost, FakeBillingService, invoice, outcome, readyDoc, type HeldRun } from './fake-billing';

const CONNECTED: ConnectionStatus = {
  connected: true,
  realmId: '9130350',
  companyName: 'Craig’s Design and Landscaping',
  country: 'US',
  connectedAt: '2026-11-26T10:00:00Z',
  accessTokenExpiresAt: '2026-11-26T11:00:00Z',
  refreshTokenExpiresAt: '2027-02-26T10:00:00Z',
};

describe('exportInvoiceToQbo (the one-off command)', () => {
  let host: BillingHost;
  let service: FakeBillingService;
  let status: ConnectionStatus | Error;
  let openedFor: string[];
  /** How the fake run ends, decided per test. */
  let finish: (run: HeldRun) => void;

  beforeEach(() => {
    host = new BillingHost();
    host.invoices.set('i3', invoice('i3', '1003', 'c1', '2026-03-10', 45000));
    service = new FakeBillingService();
    service.planner = (ids) => ({ ready: ids.map((id) => readyDoc(id, 'Invoice 1003 — Acme Corp', 45000)), blocked: [] });
    status = CONNECTED;
    openedFor = [];
    finish = (run) => run.finish({ cancelled: false, outcomes: [outcome('i3', 'Invoice 1003 — Acme Corp', 'created')] });
  });

  async function run(context: { invoiceId?: string }): Promise<Array<{ level: string; title: string; message: string }>> {
    const deps: ExportInvoiceCommandDeps = {
      connectionStatus: async () => {
        if (status instanceof Error) throw status;
        return status;
      },
      openService: async (realmId) => {
        openedFor.push(realmId);
        return service;
      },
    };
    let settled = false;
    const done = createExportInvoiceHandler(deps)(context, host).finally(() => {
      settled = true;
    });
    // The fake run is held until the handler starts it; then it ends as the test asked.
    while (!settled && service.runs.length === 0) await new Promise((r) => setTimeout(r, 2));
    if (service.runs[0]) finish(service.runs[0]);
    await done;
    return host.of('ui.notify');
  }

  it('plans and exports the invoice in view and says so in a success notification', async () => {
    const notes = await run({ invoiceId: 'i3' });
    expect(openedFor).to.deep.equal(['9130350']);
    expect(service.planCalls).to.deep.equal([['i3']]);
    expect(service.runs[0].plan.ready.map((d) => d.sourceId)).to.deep.equal(['i3']);
    expect(notes).to.deep.equal([{ level: 'success', title: EXPORT_TITLE, message: 'Invoice 1003 was exported to QuickBooks Online.' }]);
    expect(service.closed).to.equal(1);
  });

  it('an invoice found already in QBO by its fingerprint is linked, and the notification says it was not created twice', async () => {
    finish = (r) => r.finish({ cancelled: false, outcomes: [outcome('i3', 'Invoice 1003', 'linkedExisting')] });
    const [note] = await run({ invoiceId: 'i3' });
    expect(note.level).to.equal('success');
    expect(note.message).to.include('Invoice 1003 was already in QuickBooks Online');
    expect(note.message).to.include('not created twice');
  });

  it('a blocked invoice gives a warning with the reason and what to do, and sends nothing', async () => {
    service.planner = (ids) => ({
      ready: [],
      blocked: ids.map((id) => ({ sourceId: id, label: 'Invoice 1003', reasons: [{ code: 'contact_not_linked', message: 'Acme Corp is not linked to a QuickBooks Online customer. Link the contact on the Contact Match tab, then export again.' }] })),
    });
    const [note] = await run({ invoiceId: 'i3' });
    expect(service.runs).to.have.length(0);
    expect(note.level).to.equal('warning');
    expect(note.message).to.equal(
      'Invoice 1003 was not exported. Acme Corp is not linked to a QuickBooks Online customer. Link the contact on the Contact Match tab, then export again. The fix is under Setup > QuickBooks Online.',
    );
  });

  it('many reasons are cut to the first and how many more, so the notification stays short', async () => {
    const reason = (n: number) => ({ code: 'work_code_not_linked' as const, message: `Work code W${n} is not linked to a QuickBooks Online item. Link it on the Work Code Match tab.` });
    service.planner = (ids) => ({ ready: [], blocked: ids.map((id) => ({ sourceId: id, label: 'Invoice 1003', reasons: [reason(1), reason(2), reason(3), reason(4)] })) });
    const [note] = await run({ invoiceId: 'i3' });
    expect(service.runs).to.have.length(0);
    expect(note.level).to.equal('warning');
    expect(note.message).to.equal(
      'Invoice 1003 was not exported. Work code W1 is not linked to a QuickBooks Online item. Link it on the Work Code Match tab. …and 3 more reasons: Export Selected under Setup > QuickBooks Online > Time & Billing > Export Invoices lists them all, with their fixes.',
    );
    expect(note.message).not.to.include('W2');
  });

  it('an invoice already exported is not sent again', async () => {
    service.planner = (ids) => ({ ready: [], blocked: ids.map((id) => ({ sourceId: id, label: 'Invoice 1003', reasons: [{ code: 'already_done', message: 'already' }] })) });
    const [note] = await run({ invoiceId: 'i3' });
    expect(service.runs).to.have.length(0);
    expect(note).to.deep.equal({ level: 'info', title: EXPORT_TITLE, message: 'Invoice 1003 is already in QuickBooks Online; it was not sent again.' });
  });

  it('a QBO refusal is an error notification with the QBO message', async () => {
    finish = (r) => r.finish({ cancelled: false, outcomes: [outcome('i3', 'Invoice 1003', 'failed', 'Invalid Reference Id: Item 12 was deleted.')] });
    const [note] = await run({ invoiceId: 'i3' });
    expect(note).to.deep.equal({ level: 'error', title: EXPORT_TITLE, message: 'Invoice 1003 was not exported. QuickBooks Online said: Invalid Reference Id: Item 12 was deleted.' });
  });

  it('a run stopped by a lost connection, or a thrown failure, is an error that says trying again is safe', async () => {
    finish = (r) => r.finish({ cancelled: false, outcomes: [], stoppedBy: { code: 'network', message: 'The connection to QuickBooks Online dropped.' } });
    const [stopped] = await run({ invoiceId: 'i3' });
    expect(stopped.level).to.equal('error');
    expect(stopped.message).to.equal('Invoice 1003 was not exported: The connection to QuickBooks Online dropped. Try again; it will not be sent twice.');

    host = new BillingHost();
    host.invoices.set('i3', invoice('i3', '1003', 'c1', '2026-03-10', 45000));
    service = new FakeBillingService();
    finish = (r) => r.fail(new Error('proxy restarted'));
    service.planner = (ids) => ({ ready: ids.map((id) => readyDoc(id, 'Invoice 1003', 1)), blocked: [] });
    const [thrown] = await run({ invoiceId: 'i3' });
    expect(thrown.level).to.equal('error');
    expect(thrown.message).to.include('Invoice 1003 was not exported.');
    expect(thrown.message).to.include('proxy restarted');
    expect(thrown.message).to.include('It will not be sent twice when you try again.');
    expect(service.closed).to.equal(1);
  });

  it('without a connection it warns and says where to connect; without an open invoice it says to open one', async () => {
    status = { connected: false };
    const [note] = await run({ invoiceId: 'i3' });
    expect(openedFor).to.deep.equal([]);
    expect(note.level).to.equal('warning');
    expect(note.message).to.equal(
      'Invoice 1003 was not exported: OfficeTools is not connected to QuickBooks Online. Connect under Setup > My Company > Information & Settings > Integrations, then try again.',
    );

    host = new BillingHost();
    const [none] = await run({});
    expect(none.level).to.equal('warning');
    expect(none.message).to.include('No invoice is open.');
  });

  it('a proxy that cannot be reached is an error in words', async () => {
    status = new Error('Failed to fetch');
    const [note] = await run({ invoiceId: 'i3' });
    expect(note.level).to.equal('error');
    expect(note.message).to.match(/^Invoice 1003 was not exported\. .*Failed to fetch/);
  });

  it('when the notification cannot be shown the handler fails, so the shell reports it instead', async () => {
    host.notifyFails = true;
    let error: unknown;
    try {
      await run({ invoiceId: 'i3' });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.include('Invoice 1003 was exported to QuickBooks Online.');
  });
});
