import { expect } from 'chai';
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { EntityList, ROW_HEIGHT, type EntityListProps } from '../../../src/taskpane/match/entity-list';
import type { EntityRow } from '../../../src/taskpane/match/entity-row';
import { listView } from '../../../src/taskpane/match/list-view';
import type { ClickModifiers } from '../../../src/taskpane/match/selection-click';
import { inView, listBox, rowNames } from './match-dom';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const LABEL = 'QuickBooks Online customers';

function rowsOf(n: number): EntityRow[] {
  return Array.from({ length: n }, (_, i) => {
    const name = `Customer ${String(i).padStart(5, '0')}`;
    return { id: `q${i}`, name, key: name.toLowerCase() };
  });
}

function options(): HTMLElement[] {
  return Array.from(listBox(LABEL).querySelectorAll<HTMLElement>('[role="option"]'));
}

async function scrollBoxTo(top: number): Promise<void> {
  const box = listBox(LABEL);
  await act(async () => {
    box.scrollTop = top;
    box.dispatchEvent(new Event('scroll'));
  });
}

describe('EntityList (one side of a Match tab), 20,000 rows', () => {
  let container: HTMLDivElement;
  let root: Root;

  beforeEach(() => {
    container = document.createElement('div');
    container.style.width = '600px';
    document.body.appendChild(container);
    root = createRoot(container);
  });

  afterEach(async () => {
    await act(async () => root.unmount());
    container.remove();
  });

  async function show(props: Partial<EntityListProps> & { rows: readonly EntityRow[] }): Promise<void> {
    const view = listView(props.rows);
    const all: EntityListProps = {
      label: LABEL,
      selected: new Set(),
      partnerName: () => undefined,
      search: '',
      onSearch: () => undefined,
      onRowClick: () => undefined,
      position: view.position,
      ...props,
    };
    await act(async () => root.render(<EntityList {...all} />));
  }

  it('draws only the rows around the visible ones, each at its place, also after scrolling far down', async () => {
    const rows = rowsOf(20000);
    await show({ rows });
    expect(options().length).to.be.within(12, 60);
    expect(rowNames(LABEL)[0]).to.equal('Customer 00000');
    await scrollBoxTo(12345 * ROW_HEIGHT);
    const drawn = options();
    expect(drawn.length).to.be.within(12, 60);
    const row = drawn.find((o) => o.dataset.id === 'q12345');
    expect(row, 'row 12,345 is drawn').to.not.equal(undefined);
    expect(row?.offsetTop).to.equal(12345 * ROW_HEIGHT);
    expect(row?.getAttribute('aria-posinset')).to.equal('12346');
    expect(row?.getAttribute('aria-setsize')).to.equal('20000');
    expect(inView(LABEL, 'Customer 12345')).to.equal(true);
  });

  it('draws a far row asked for by scrollRequest, highlighted and in view, in the same commit (no waiting for a scroll debounce)', async () => {
    const rows = rowsOf(20000);
    await show({ rows });
    await show({ rows, selected: new Set(['q18000']), scrollRequest: { id: 'q18000' }, partnerName: (id) => (id === 'q18000' ? 'Client 18000' : undefined) });
    const row = options().find((o) => o.dataset.id === 'q18000');
    expect(row?.getAttribute('aria-selected')).to.equal('true');
    expect(row?.title).to.equal('Customer 18000 — linked to Client 18000');
    expect(inView(LABEL, 'Customer 18000')).to.equal(true);
  });

  it('calls the newest onRowClick although rows keep the handler they were drawn with', async () => {
    const rows = rowsOf(20000);
    const calls: string[] = [];
    await show({ rows, onRowClick: (id) => calls.push(`first ${id}`) });
    await show({ rows, onRowClick: (id, mods: ClickModifiers) => calls.push(`second ${id} ctrl=${mods.ctrl} shift=${mods.shift}`) });
    await act(async () => {
      options()[2].dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }));
    });
    expect(calls).to.deep.equal(['second q2 ctrl=true shift=false']);
  });

  it('shows rows again when a shorter list replaces a long one scrolled far down (Hide Synchronized)', async () => {
    const long = rowsOf(20000);
    const short = long.filter((_r, i) => i % 200 === 0);
    function Toggle() {
      const [hide, setHide] = useState(false);
      const rows = hide ? short : long;
      return (
        <>
          <button type="button" onClick={() => setHide((h) => !h)}>
            toggle
          </button>
          <EntityList label={LABEL} rows={rows} selected={new Set()} partnerName={() => undefined} search="" onSearch={() => undefined} onRowClick={() => undefined} position={listView(rows).position} />
        </>
      );
    }
    await act(async () => root.render(<Toggle />));
    await scrollBoxTo(19990 * ROW_HEIGHT);
    expect(rowNames(LABEL)).to.include('Customer 19999');
    await act(async () => container.querySelector('button')?.click());
    const names = rowNames(LABEL);
    expect(names.length).to.be.above(0);
    expect(names).to.include('Customer 19800');
    expect(inView(LABEL, 'Customer 19800')).to.equal(true);
  });

  it('moves the focus row with the arrows from the highlighted row; Space highlights it, Shift+arrow extends', async () => {
    const rows = rowsOf(100);
    const calls: string[] = [];
    await show({ rows, selected: new Set(['q5']), onRowClick: (id, mods) => calls.push(`${id}${mods.ctrl ? ' ctrl' : ''}${mods.shift ? ' shift' : ''}`) });
    const box = listBox(LABEL);
    const key = (k: string, mods: KeyboardEventInit = {}) => act(async () => {
      box.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...mods }));
    });
    await act(async () => box.focus());
    await key('ArrowDown');
    await key('ArrowDown');
    // The arrows move the focus row only; nothing is highlighted yet.
    expect(calls).to.deep.equal([]);
    const focused = box.querySelector<HTMLElement>('[role="option"][data-focused="true"]');
    expect(focused?.textContent).to.equal('Customer 00007');
    expect(box.getAttribute('aria-activedescendant')).to.equal(focused?.id);
    await key(' ');
    await key('ArrowUp', { shiftKey: true });
    await key(' ', { ctrlKey: true });
    await key('End');
    expect(box.querySelector('[role="option"][data-focused="true"]')?.textContent).to.equal('Customer 00099');
    expect(inView(LABEL, 'Customer 00099')).to.equal(true);
    await key('Home');
    await key(' ', { shiftKey: true });
    expect(calls).to.deep.equal(['q7', 'q6 shift', 'q6 ctrl', 'q0 shift']);
  });
});
