/**
 * Typing a date into the add-in's date field (Fluent's DatePicker, plain-date-picker.tsx) as a
 * user does: text into its box, then leaving the box, which is when the picker reads it.
 */
import { act } from 'react';

export async function typeDateField(input: HTMLInputElement, text: string): Promise<void> {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  await act(async () => {
    input.focus();
    setValue?.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => {
    if (document.activeElement === input) input.blur();
    else input.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
  });
}
