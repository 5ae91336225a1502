/**
 * The shell's firm data through its REST API (/api/firm/...): what OfficeTools keeps, read
 * and written the way the shell's own views do, so a test can check an effect outside the panel.
 */
import type { Contact, ContactInput, ContactType, ExpenseCode, Invoice, Payment, WorkCode } from '../../../src/sync/host/protocol';
import { getJson, postJson } from './http-json';

export class ShellApi {
  constructor(private readonly shellUrl: string) {}

  get<T>(pathname: string): Promise<T> {
    return getJson<T>(`${this.shellUrl}${pathname}`);
  }

  contacts(): Promise<Contact[]> {
    return this.get<Contact[]>('/api/firm/contacts');
  }

  /** Adds a contact as the shell's Add form does; the shell fills in what is left out. */
  addContact(contact: Partial<ContactInput>): Promise<Contact> {
    return postJson<Contact>(`${this.shellUrl}/api/firm/contacts`, contact);
  }

  contactTypes(): Promise<ContactType[]> {
    return this.get<ContactType[]>('/api/firm/contactTypes');
  }

  invoices(): Promise<Invoice[]> {
    return this.get<Invoice[]>('/api/firm/invoices');
  }

  payments(): Promise<Payment[]> {
    return this.get<Payment[]>('/api/firm/payments');
  }

  workCodes(): Promise<WorkCode[]> {
    return this.get<WorkCode[]>('/api/firm/workCodes');
  }

  expenseCodes(): Promise<ExpenseCode[]> {
    return this.get<ExpenseCode[]>('/api/firm/expenseCodes');
  }
}
