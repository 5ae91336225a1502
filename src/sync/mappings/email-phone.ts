/**
 * Email and phone as QBO's Customer and Employee both carry them (QBO-FACTS §3): an email QBO
 * would refuse (no '@' or '.', over 100 characters) is left out with a warning rather than
 * failing the whole record; a phone is one line of at most 30 characters.
 */
import type { WarningList } from './clean-text';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface QboEmailPhone {
  PrimaryEmailAddr?: { Address: string };
  PrimaryPhone?: { FreeFormNumber: string };
}

export function emailPhoneToQbo(email: string | undefined, phone: string | undefined, w: WarningList): QboEmailPhone {
  const out: QboEmailPhone = {};
  const address = email?.trim();
  if (address) {
    if (EMAIL.test(address) && address.length <= 100) {
      out.PrimaryEmailAddr = { Address: address };
    } else {
      w.add({
        code: 'dropped',
        field: 'PrimaryEmailAddr',
        original: email ?? '',
        message: `Email "${address}" was left out because QuickBooks Online only accepts an address with '@' and '.' of at most 100 characters.`,
      });
    }
  }
  const number = w.text(phone, { field: 'PrimaryPhone', label: 'phone number', maxLength: 30, singleLine: true });
  if (number) out.PrimaryPhone = { FreeFormNumber: number };
  return out;
}
