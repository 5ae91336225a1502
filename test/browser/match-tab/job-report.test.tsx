import { expect } from 'chai';
import { JobReportView, type JobReport } from '../../../src/taskpane/match/job-report';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import { click, render, waitFor, type Rendered } from '../taskpane/panel-test-kit';

const report = (rows: string[]): JobReport => ({ type: 'warning', headline: 'Exported 40 contacts; 7 need a look.', rows, offers: [] });

function detailsList(): HTMLElement | null {
  return document.querySelector<HTMLElement>('ul[aria-label="Details"]');
}

function toggle(): HTMLButtonElement | undefined {
  return Array.from(document.querySelectorAll<HTMLButtonElement>('button')).find((b) => /details/.test(b.textContent ?? ''));
}

describe('Match tab result: a summary line with the details expandable', () => {
  let rendered: Rendered | undefined;
  before(() => registerPanelIcons());
  afterEach(async () => {
    await rendered?.unmount();
    rendered = undefined;
  });

  it('shows a short result whole', async () => {
    rendered = await render(<JobReportView report={report(['Row one failed.', 'Row two failed.'])} onDismiss={() => undefined} onLinkExisting={() => undefined} busy={false} />);
    const list = await waitFor(() => detailsList(), 'the details');
    expect(list.closest('[hidden]')).to.equal(null);
    expect(toggle()).to.equal(undefined);
  });

  it('folds a long result behind "Show details", with a count, and unfolds it on request', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => `Contact ${i + 1} has no email.`);
    rendered = await render(<JobReportView report={report(rows)} onDismiss={() => undefined} onLinkExisting={() => undefined} busy={false} />);
    const button = await waitFor(() => toggle(), 'the Show details button');
    expect(button.textContent).to.equal('Show details');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(document.body.textContent).to.contain('7 details.');
    expect(detailsList()?.closest('[hidden]')).to.not.equal(null, 'the rows are folded');
    expect(detailsList()?.getBoundingClientRect().height).to.equal(0);

    await click(button);
    expect(toggle()?.textContent).to.equal('Hide details');
    expect(toggle()?.getAttribute('aria-expanded')).to.equal('true');
    expect(detailsList()?.closest('[hidden]')).to.equal(null);
    expect(detailsList()?.querySelectorAll('li')).to.have.length(7);
  });
});
