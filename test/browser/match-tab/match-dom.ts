/** Reading a Match tab's two lists the way a user sees them: rows by name, highlight, position in view. */
import { act } from 'react';

export function listBox(label: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[role="listbox"][aria-label="${label}"]`);
  if (!el) throw new Error(`no list "${label}"`);
  return el;
}

export function queryListBox(label: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[role="listbox"][aria-label="${label}"]`);
}

export function rowNames(label: string): string[] {
  return Array.from(listBox(label).querySelectorAll('[role="option"] > span:first-child'), (s) => s.textContent ?? '');
}

export function row(label: string, name: string): HTMLElement | undefined {
  return Array.from(listBox(label).querySelectorAll<HTMLElement>('[role="option"]')).find((r) => r.firstElementChild?.textContent === name);
}

export function highlighted(label: string): string[] {
  const box = queryListBox(label);
  if (!box) return [];
  return Array.from(box.querySelectorAll('[role="option"][aria-selected="true"] > span:first-child'), (s) => s.textContent ?? '');
}

/** True when the row is rendered and lies entirely inside its list box's visible area. */
export function inView(label: string, name: string): boolean {
  const box = queryListBox(label);
  const r = box ? row(label, name) : undefined;
  if (!box || !r) return false;
  const outer = box.getBoundingClientRect();
  const inner = r.getBoundingClientRect();
  return inner.height > 0 && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
}

export function searchBox(label: string): HTMLInputElement {
  const el = document.querySelector<HTMLInputElement>(`input[aria-label="Search ${label}"]`);
  if (!el) throw new Error(`no search box for ${label}`);
  return el;
}

/** Types into a Fluent SearchBox (React listens to the native value setter plus an input event). */
export async function typeSearch(label: string, text: string): Promise<void> {
  const input = searchBox(label);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
