/**
 * The shape of the shell's firm data as kept in `<dataDir>/firm.json`. Records use the types of
 * the host protocol so that what the REST API serves is exactly what the add-in receives.
 */
import type {
  Contact,
  ContactType,
  Employee,
  ExpenseCode,
  HostUser,
  Invoice,
  InvoiceLineItem,
  OfficeToolsAccount,
  Payment,
  WorkCode,
} from '../../src/sync/host/protocol';

/** Bumped when firm.json changes in a way an older shell cannot read. */
export const FIRM_DATA_FORMAT = 1 as const;

export interface FirmData {
  format: typeof FIRM_DATA_FORMAT;
  firmName: string;
  contactTypes: ContactType[];
  contacts: Contact[];
  employees: Employee[];
  workCodes: WorkCode[];
  expenseCodes: ExpenseCode[];
  accounts: OfficeToolsAccount[];
  lineItems: InvoiceLineItem[];
  invoices: Invoice[];
  payments: Payment[];
  /** The staff members who can sign in to the shell. */
  users: HostUser[];
  /** Installed add-in ids per user id (installs are per user, as in OfficeTools). */
  installs: Record<string, string[]>;
  /** Next sequence number per id prefix, so that ids are never reused, even after a restart. */
  nextIds: Record<string, number>;
}

/** An add-in the catalog offers; its manifest is read from `manifestUrl`. */
export interface CatalogEntry {
  id: string;
  manifestUrl: string;
}
