/**
 * The Automatch review with held-back pairs: confident proposals checked, "Needs a decision"
 * rows with their reason and a one-click Accept, nothing saved before Accept all / selected.
 */
import { expect } from 'chai';
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { AutomatchReview, initiallyChecked, rowsToAccept, undecidedRow, type ReviewRow } from '../../../src/taskpane/match/automatch-review';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const ROWS: ReviewRow[] = [
  { leftId: 'c1', rightId: 'q1', score: 0.97, reasons: ["place or branch tag 'Denver' on one side only"], leftName: 'Ortiz Pest Control (Denver)', rightName: 'Ortiz Pest Control' },
  undecidedRow({ leftId: 'c2', rightId: 'q2', score: 0.95, reason: 'middle initials differ (T. vs J.)' }, 'Lopez, Maria T.', 'Maria J. Lopez'),
  undecidedRow({ leftId: 'c3', rightId: 'q3', score: 0.93, reason: 'two candidates equally alike' }, 'Ward, Ellen', 'Ellen T. Ward'),
  undecidedRow({ leftId: 'c3', rightId: 'q4', score: 0.93, reason: 'two candidates equally alike' }, 'Ward, Ellen', 'Ellen R. Ward'),
];

function Harness({ onSave }: { onSave(rows: ReviewRow[]): void }) {
  const [checked, setChecked] = useState<ReadonlySet<number>>(() => initiallyChecked(ROWS));
  const toggle = (i: number) =>
    setChecked((c) => {
      const next = new Set(c);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  return (
    <AutomatchReview
      rows={ROWS}
      checked={checked}
      words={{ otPlural: 'contacts', qboPlural: 'customers' }}
      busy={false}
      onToggle={toggle}
      onAccept={(which) => onSave(rowsToAccept(ROWS, checked, which))}
      onCancel={() => onSave([])}
    />
  );
}

function grid(label: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[role="grid"][aria-label="${label}"]`);
  if (!el) throw new Error(`no grid "${label}"`);
  return el;
}

function buttonNamed(label: string): HTMLButtonElement {
  const b = Array.from(document.querySelectorAll<HTMLButtonElement>('button')).find((x) => (x.getAttribute('aria-label') ?? x.textContent ?? '').includes(label));
  if (!b) throw new Error(`no button "${label}"`);
  return b;
}

async function click(el: HTMLElement): Promise<void> {
  await act(async () => {
    el.click();
  });
}

describe('AutomatchReview with "Needs a decision"', () => {
  let container: HTMLDivElement;
  let root: Root;
  let saved: ReviewRow[][];

  beforeEach(async () => {
    saved = [];
    container = document.createElement('div');
    container.style.width = '900px';
    document.body.appendChild(container);
    root = createRoot(container);
    await act(async () => root.render(<Harness onSave={(rows) => saved.push(rows)} />));
  });
  afterEach(async () => {
    await act(async () => root.unmount());
    container.remove();
  });

  it('shows the held-back pairs apart, each with its reason, none of them checked', () => {
    expect(container.textContent).to.include('Automatch proposes 1 pair and leaves 3 for you to decide. Nothing is linked until you accept.');
    expect(grid('Proposed links').textContent).to.include('Ortiz Pest Control (Denver)');
    expect(grid('Proposed links').textContent).to.not.include('Maria J. Lopez');
    const held = grid('Needs a decision').textContent ?? '';
    expect(held).to.include('middle initials differ (T. vs J.)');
    expect(held).to.include('two candidates equally alike');
    expect(buttonNamed('Accept all').textContent).to.include('Accept all (1)');
    expect(saved).to.deep.equal([], 'nothing saved by opening the review');
  });

  it('Accept on a held-back pair adds it to what is saved, only when the user saves', async () => {
    await click(buttonNamed('Accept Lopez, Maria T. ↔ Maria J. Lopez'));
    expect(saved).to.deep.equal([], 'accepting one row saves nothing yet');
    expect(buttonNamed('Accept all').textContent).to.include('Accept all (2)');
    await click(buttonNamed('Accept all'));
    expect(saved).to.have.length(1);
    expect(saved[0].map((r) => `${r.leftId}-${r.rightId}`)).to.deep.equal(['c1-q1', 'c2-q2']);
    expect(saved[0][1].reasons[0]).to.equal('accepted by hand: middle initials differ (T. vs J.)');
  });

  it('once one of two rival candidates is accepted, the other cannot be', async () => {
    await click(buttonNamed('Accept Ward, Ellen ↔ Ellen T. Ward'));
    expect(buttonNamed('Accept Ward, Ellen ↔ Ellen R. Ward').disabled).to.equal(true);
    await click(buttonNamed('Undo accepting Ward, Ellen ↔ Ellen T. Ward'));
    expect(buttonNamed('Accept Ward, Ellen ↔ Ellen R. Ward').disabled).to.equal(false);
  });

  it('Accept all without deciding saves the confident proposals only', async () => {
    await click(buttonNamed('Accept all'));
    expect(saved[0].map((r) => r.leftId)).to.deep.equal(['c1']);
  });
});

describe('AutomatchReview with many proposals', () => {
  const MANY: ReviewRow[] = Array.from({ length: 40 }, (_, i) => ({ leftId: `c${i}`, rightId: `q${i}`, score: 0.97, reasons: ['same name'], leftName: `Client ${i}`, rightName: `Client ${i} Inc.` }));
  let container: HTMLDivElement;
  let root: Root;

  beforeEach(async () => {
    container = document.createElement('div');
    container.style.width = '900px';
    document.body.appendChild(container);
    root = createRoot(container);
    const none = () => undefined;
    await act(async () =>
      root.render(<AutomatchReview rows={MANY} checked={initiallyChecked(MANY)} words={{ otPlural: 'contacts', qboPlural: 'customers' }} busy={false} onToggle={none} onAccept={none} onCancel={none} />),
    );
  });
  afterEach(async () => {
    await act(async () => root.unmount());
    container.remove();
  });

  it('ticks each pair with a Fluent check box, and keeps the column headers in view while the pairs scroll', async () => {
    const proposals = grid('Proposed links');
    const box = proposals.querySelector<HTMLInputElement>('input[type="checkbox"][aria-label="Accept Client 0 ↔ Client 0 Inc."]');
    expect(box?.closest('.ms-Checkbox'), 'a Fluent Checkbox').to.not.equal(null);
    expect(box?.checked).to.equal(true);
    proposals.scrollTop = 400;
    await new Promise((r) => setTimeout(r, 50));
    expect(proposals.scrollTop).to.be.greaterThan(0);
    const header = Array.from(proposals.querySelectorAll<HTMLElement>('[role="row"]')).find((r) => r.textContent?.includes('Confidence'));
    const offset = (header?.getBoundingClientRect().top ?? -1) - proposals.getBoundingClientRect().top;
    expect(offset).to.be.within(0, 2);
  });
});
