/**
 * What each tab of the QuickBooks Online Integration window shows (issue 4): Account Defaults
 * and the four Match tabs.
 */
import { AccountDefaultsWindowTab } from '../account-defaults/account-defaults-tabs';
import { ContactMatchTab, EmployeeMatchTab, ExpenseCodeMatchTab, WorkCodeMatchTab } from '../match/match-tabs';
import type { IntegrationTabContents } from './integration-tabs';

export const TAB_CONTENTS: IntegrationTabContents = {
  accountDefaults: AccountDefaultsWindowTab,
  contactMatch: ContactMatchTab,
  employeeMatch: EmployeeMatchTab,
  workCodeMatch: WorkCodeMatchTab,
  expenseCodeMatch: ExpenseCodeMatchTab,
};
