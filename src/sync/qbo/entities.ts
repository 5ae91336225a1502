/**
 * The QBO entity shapes the engine reads and writes, limited to the fields it uses.
 *
 * Ids and SyncTokens are digit strings and stay strings (QBO-FACTS §1). Money is a JSON number
 * on the wire; convert it with `mappings/money.ts`, never with arithmetic on the double.
 */

/** A reference to another entity: `value` is its Id, `name` is informational. */
export interface QboRef {
  value: string;
  name?: string;
}

export interface QboMetaData {
  CreateTime?: string;
  LastUpdatedTime?: string;
}

/** What every stored entity carries once QBO has it. */
export interface QboStored {
  Id: string;
  SyncToken: string;
  domain?: string;
  sparse?: boolean;
  MetaData?: QboMetaData;
}

export interface QboPhysicalAddress {
  Id?: string;
  Line1?: string;
  Line2?: string;
  Line3?: string;
  City?: string;
  CountrySubDivisionCode?: string;
  PostalCode?: string;
  Country?: string;
}

export interface QboEmailAddress {
  Address?: string;
}

export interface QboTelephoneNumber {
  FreeFormNumber?: string;
}

/** The Customer fields the contact mapping writes (a create body, or part of a sparse update). */
export interface QboCustomerFields {
  DisplayName?: string;
  CompanyName?: string;
  GivenName?: string;
  MiddleName?: string;
  FamilyName?: string;
  Suffix?: string;
  PrimaryEmailAddr?: QboEmailAddress;
  PrimaryPhone?: QboTelephoneNumber;
  BillAddr?: QboPhysicalAddress;
  Active?: boolean;
}

export interface QboCustomer extends QboCustomerFields, QboStored {
  FullyQualifiedName?: string;
  PrintOnCheckName?: string;
  Title?: string;
  Notes?: string;
  Balance?: number;
  Job?: boolean;
  ParentRef?: QboRef;
}

export interface QboEmployeeFields {
  DisplayName?: string;
  GivenName?: string;
  MiddleName?: string;
  FamilyName?: string;
  Suffix?: string;
  PrimaryEmailAddr?: QboEmailAddress;
  PrimaryPhone?: QboTelephoneNumber;
  /** `YYYY-MM-DD`. */
  HiredDate?: string;
  Active?: boolean;
}

export interface QboEmployee extends QboEmployeeFields, QboStored {
  Title?: string;
  ReleasedDate?: string;
  PrimaryAddr?: QboPhysicalAddress;
}

export type QboItemType = 'Service' | 'NonInventory' | 'Inventory' | 'Category' | 'Group' | 'Bundle';

export interface QboItemFields {
  Name?: string;
  Type?: QboItemType;
  Description?: string;
  Sku?: string;
  /** Up to 5 decimals on the wire ("10.5 format"). */
  UnitPrice?: number;
  IncomeAccountRef?: QboRef;
  Taxable?: boolean;
  Active?: boolean;
}

export interface QboItem extends QboItemFields, QboStored {
  FullyQualifiedName?: string;
  ExpenseAccountRef?: QboRef;
  PurchaseCost?: number;
  SubItem?: boolean;
  ParentRef?: QboRef;
}

/** A row of a CDC answer for an entity deleted in QBO: only Id and status are known. */
export interface QboDeletedRow {
  Id: string;
  status: 'Deleted';
  domain?: string;
  MetaData?: QboMetaData;
}

/** Entity names as QBO spells them in bodies and queries. */
export type QboEntityName =
  | 'Customer'
  | 'Employee'
  | 'Item'
  | 'Account'
  | 'Invoice'
  | 'Payment'
  | 'PaymentMethod'
  | 'Vendor'
  | 'CompanyInfo'
  | 'Preferences'
  | 'TaxCode'
  | 'Class'
  | 'Term';

/** Name lists hide inactive rows from queries unless the WHERE mentions Active (QBO-FACTS §2). */
export const NAME_LIST_ENTITIES: ReadonlySet<QboEntityName> = new Set<QboEntityName>([
  'Customer',
  'Employee',
  'Item',
  'Account',
  'PaymentMethod',
  'Vendor',
  'Class',
  'Term',
]);
