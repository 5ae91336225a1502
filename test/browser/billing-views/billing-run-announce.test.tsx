/**
 * What a screen reader hears during a Time & Billing run (issue 12, point 3): the check and the
 * progress in the polite live region (a tenth of the run at a time, not every document), the
 * outcome there when everything went, and in the assertive region when documents failed or the
 * run was cancelled. The real BillingRun dialogs, driven through a plan and a run the test holds.
 */
import { expect } from 'chai';
import type { BillingRunReport, DocumentOutcome } from '../../../src/sync/billing/billing-types';
import { BillingRun } from '../../../src/taskpane/billing/billing-run';
import type { AnyPlan, RunControl } from '../../../src/taskpane/billing/billing-service';
import { INVOICE_EXPORT_WORDS } from '../../../src/taskpane/billing/billing-words';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import { button, click, render, waitFor, type Rendered } from '../taskpane/panel-test-kit';

const polite = (): string => document.querySelector('[data-announce="polite"]')?.textContent ?? '';
const assertive = (): string => document.querySelector('[data-announce="assertive"]')?.textContent ?? '';

/** Polls outside act() (the run itself is inside the click's act); gives up quietly, the assertions say what was missed. */
async function heardWithin(said: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!said() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
}

const IDS = Array.from({ length: 20 }, (_, i) => `inv-${i + 1}`);

function plan(): AnyPlan {
  return { ready: IDS.map((id, i) => ({ sourceId: id, label: `Invoice ${1001 + i}`, amountCents: 10_000, payload: {}, fingerprint: `OT-INV:${id}` })), blocked: [] };
}

function report(failedIds: readonly string[], cancelled = false): BillingRunReport {
  const outcomes: DocumentOutcome[] = IDS.map((id, i) =>
    failedIds.includes(id)
      ? { sourceId: id, label: `Invoice ${1001 + i}`, result: 'failed', error: { code: '6000', message: 'QuickBooks Online refused it.' } }
      : { sourceId: id, label: `Invoice ${1001 + i}`, result: 'created', targetId: String(500 + i) },
  );
  return { kind: 'invoiceExport', outcomes, cancelled, writeRequests: 1 };
}

describe('BillingRun: announcements for screen readers', () => {
  let rendered: Rendered | undefined;
  /** Every text the polite region held, in order. */
  let heard: string[];
  let observer: MutationObserver | undefined;

  before(() => registerPanelIcons());
  beforeEach(() => {
    heard = [];
  });
  afterEach(async () => {
    observer?.disconnect();
    await rendered?.unmount();
    rendered = undefined;
  });

  /** Renders a run whose execute reports progress document by document, then answers `outcome`. */
  async function start(outcome: BillingRunReport): Promise<void> {
    const execute = async (_p: AnyPlan, run: RunControl): Promise<BillingRunReport> => {
      for (let done = 0; done <= IDS.length; done++) {
        run.onProgress({ kind: 'invoiceExport', done, total: IDS.length, failed: outcome.outcomes.slice(0, done).filter((o) => o.result === 'failed').length });
        // A loaded machine may render two updates as one; at each tenth the run waits to be heard,
        // so what is checked is which texts are said, not how fast the browser paints.
        if (done % 2 === 0) await heardWithin(() => polite().startsWith(`Exporting invoices: ${done} of 20 done`), 3_000);
        await new Promise((r) => setTimeout(r, 5));
      }
      return outcome;
    };
    rendered = await render(
      <BillingRun
        words={INVOICE_EXPORT_WORDS}
        ids={IDS}
        plan={async () => plan()}
        execute={execute}
        onFix={() => undefined}
        replanKey={0}
        onReport={() => undefined}
        onError={(action, e) => {
          throw new Error(`${action}: ${String(e)}`);
        }}
        onClose={() => undefined}
      />,
    );
    const region = await waitFor(() => document.querySelector('[data-announce="polite"]'), 'the polite live region');
    observer = new MutationObserver(() => heard.push(polite()));
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    await click(await button('Export 20 invoices'));
  }

  it('announces progress a tenth at a time, then what went, politely', async () => {
    await start(report([]));
    await waitFor(() => polite() === '20 invoices were exported to QuickBooks Online.', 'the outcome announced');
    const progress = [...new Set(heard.filter((t) => t.startsWith('Exporting')))];
    expect(progress[0]).to.equal('Exporting invoices: 0 of 20 done.');
    expect(progress).to.include('Exporting invoices: 10 of 20 done.');
    expect(progress.length).to.be.at.most(11, `one announcement per tenth of the run (heard ${progress.join(' | ')})`);
    expect(progress.some((t) => t === 'Exporting invoices: 3 of 20 done.')).to.equal(false);
    expect(assertive()).to.equal('');
  });

  it('announces failed documents assertively', async () => {
    await start(report(['inv-4', 'inv-9']));
    await waitFor(() => assertive() === '18 invoices were exported to QuickBooks Online. 2 invoices failed.', 'the failures announced');
    expect(heard.some((t) => t.includes('failed so far'))).to.equal(true, 'progress says failures as they happen');
  });

  it('announces a cancelled run assertively', async () => {
    await start(report([], true));
    await waitFor(() => assertive().endsWith('The rest were not sent: you clicked Cancel.'), 'the cancel announced');
  });
});
