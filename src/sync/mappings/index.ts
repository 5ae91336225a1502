// Re-exports only. Each mapping's toQbo/fromQbo/changedFields are reached through its mapping
// object (contactCustomerMapping, …) or its named functions, since the short names repeat.
export * from './mapping-types';
export * from './money';
export * from './clean-text';
export * from './sparse-diff';
export { countryFromQbo, addressToQbo, addressFromQbo } from './address';
export type { BillingCodeFields, BillingCodeInput, ItemContext } from './billing-code-item';
export {
  contactCustomerMapping,
  contactToCustomer,
  customerToContact,
  changedCustomerFields,
} from './contact-customer';
export type { ContactFields, ContactDraft, CustomerContext } from './contact-customer';
export { employeeMapping, employeeToQbo, employeeFromQbo, changedEmployeeFields } from './employee';
export type { EmployeeFields, EmployeeContext } from './employee';
export { workCodeItemMapping, workCodeToItem, itemToWorkCode, changedWorkCodeFields } from './work-code-item';
export type { WorkCodeFields } from './work-code-item';
export { expenseCodeItemMapping, expenseCodeToItem, itemToExpenseCode, changedExpenseCodeFields } from './expense-code-item';
export type { ExpenseCodeFields } from './expense-code-item';
