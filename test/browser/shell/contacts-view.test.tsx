import { expect } from 'chai';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ContactsView } from '../../../dev/shell/app/contacts-view';
import { registerShellIcons } from '../../../dev/shell/app/icons';
import type { Contact, ContactType } from '../../../src/sync/host/protocol';

/** The records area of the shell at a 1366 px wide window: the window less the 180 px navigation. */
const RECORDS_WIDTH_AT_1366 = 1366 - 180;

const types: ContactType[] = [{ id: 'ct-1', name: 'Client' }];
const contacts: Contact[] = Array.from({ length: 30 }, (_, i) => ({
  id: `c-${i + 1}`,
  typeId: 'ct-1',
  kind: 'business',
  companyName: `Northwind Accounting Partners of the Greater Bay Area ${i + 1}`,
  displayName: `Northwind Accounting Partners of the Greater Bay Area ${i + 1}`,
  accountNumber: String(10001 + i),
  email: `accounts.payable.department${i}@northwind-accounting-partners.example.com`,
  phone: '(650) 555-0100',
  address: { city: 'South San Francisco', state: 'CA' },
  active: true,
  updatedAt: '2026-06-01T09:00:00.000Z',
}));

describe('shell: contacts view', () => {
  let container: HTMLDivElement;
  let root: Root;

  beforeEach(() => {
    registerShellIcons();
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    container = document.createElement('div');
    container.style.cssText = `width:${RECORDS_WIDTH_AT_1366}px;height:700px;position:fixed;left:0;top:0;overflow:hidden;background:#fff`;
    document.body.appendChild(container);
    root = createRoot(container);
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('fits its columns at 1366 px wide: Phone, City and Edit are in view, even with long names', async () => {
    await act(async () => {
      root.render(<ContactsView contacts={contacts} contactTypes={types} onAdd={() => undefined} onEdit={() => undefined} />);
    });
    await act(() => new Promise((r) => setTimeout(r, 100)));
    const right = container.getBoundingClientRect().right;
    const header = (name: string) => [...container.querySelectorAll<HTMLElement>('[role="columnheader"]')].find((el) => el.textContent?.trim() === name);
    for (const name of ['Phone', 'City']) {
      const cell = header(name);
      expect(cell, `${name} header`).to.not.equal(undefined);
      expect(cell?.getBoundingClientRect().right, `${name} header's right edge`).to.be.at.most(right);
    }
    const edit = container.querySelector<HTMLElement>('button[aria-label^="Edit Northwind"]');
    expect(edit, 'an Edit button').to.not.equal(null);
    expect(edit?.getBoundingClientRect().right, "Edit's right edge").to.be.at.most(right);
    expect(edit?.getBoundingClientRect().width).to.be.greaterThan(20);
  });

  it('with an add-in panel open beside it (about 720 px), leaves out City, Phone and Contact type, and keeps Name, Email and Edit in view', async () => {
    const header = (name: string) => [...container.querySelectorAll<HTMLElement>('[role="columnheader"]')].find((el) => el.textContent?.trim() === name);
    container.style.width = `${1366 - 180 - 466}px`;
    await act(async () => {
      root.render(<ContactsView contacts={contacts} contactTypes={types} onAdd={() => undefined} onEdit={() => undefined} />);
    });
    await act(() => new Promise((r) => setTimeout(r, 100)));
    expect([header('Name'), header('Account #'), header('Email'), header('Contact type'), header('Phone'), header('City')].map((h) => h !== undefined)).to.deep.equal([true, true, true, false, false, false]);
    const right = container.getBoundingClientRect().right;
    const edit = container.querySelector<HTMLElement>('button[aria-label^="Edit Northwind"]');
    expect(edit?.getBoundingClientRect().right, "Edit's right edge").to.be.at.most(right);
    // The panel closed again: the list has its room back, and the columns with it.
    container.style.width = `${RECORDS_WIDTH_AT_1366}px`;
    await act(() => new Promise((r) => setTimeout(r, 150)));
    expect([header('Contact type'), header('Phone'), header('City')].map((h) => h !== undefined)).to.deep.equal([true, true, true]);
  });
});
