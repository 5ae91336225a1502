/**
 * What each tab of the QuickBooks Online Integration window shows. Each entry is replaced by the
 * real tab when it is built (issue 4); until then the tab says what it will do.
 */
import type { IntegrationTabContents } from './integration-tabs';
import { notAvailableTab } from './not-available-tab';

export const TAB_CONTENTS: IntegrationTabContents = {
  accountDefaults: notAvailableTab(
    'Account Defaults will map each OfficeTools account (under Account Settings) and each OfficeTools invoice line item (under Invoice Line Item Settings) to a QuickBooks Online account or item. Leaving the payment deposit account empty will send payments to Undeposited Funds.',
  ),
  contactMatch: notAvailableTab(
    'Contact Match will link OfficeTools contacts to QuickBooks Online customers: export to QBO, import from QBO, link, unlink, clear all links, Automatch and Hide Synchronized.',
  ),
  employeeMatch: notAvailableTab('Employee Match will link OfficeTools employees to QuickBooks Online employees, with the same export, import, link and Automatch tools.'),
  workCodeMatch: notAvailableTab('Work Code Match will link OfficeTools work codes to QuickBooks Online products and services, with the same export, import, link and Automatch tools.'),
  expenseCodeMatch: notAvailableTab('Expense Code Match will link OfficeTools expense codes to QuickBooks Online items, with the same export, import, link and Automatch tools.'),
};
