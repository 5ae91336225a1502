/**
 * The tabs of the QuickBooks Online Integration window, in the order the seed lists them, and
 * what a tab's content receives. The contents themselves come from a map (TAB_CONTENTS in ../lazy-views.tsx), so
 * the tab engineers replace one entry each without touching the window.
 */
import type { ComponentType } from 'react';
import type { PanelView } from '../../sync/host/protocol';
import type { PanelHost, PanelProxy, PanelSettings } from '../shared/panel-services';
import type { EntityFocus } from './window-focus';

export const INTEGRATION_TABS = ['accountDefaults', 'contactMatch', 'employeeMatch', 'workCodeMatch', 'expenseCodeMatch'] as const;
export type IntegrationTabKey = (typeof INTEGRATION_TABS)[number];

export const INTEGRATION_TAB_LABELS: Record<IntegrationTabKey, string> = {
  accountDefaults: 'Account Defaults',
  contactMatch: 'Contact Match',
  employeeMatch: 'Employee Match',
  workCodeMatch: 'Work Code Match',
  expenseCodeMatch: 'Expense Code Match',
};

/** The menu views that open this window (they share their names with the tabs). */
export function integrationTabForView(view: PanelView): IntegrationTabKey | undefined {
  return (INTEGRATION_TABS as readonly string[]).includes(view) ? (view as IntegrationTabKey) : undefined;
}

export interface IntegrationTabContext {
  /** The connected QBO company. */
  realmId: string;
  companyName: string;
  host: PanelHost;
  proxy: PanelProxy;
  settings: PanelSettings;
  /**
   * Registers work to do when the user clicks OK (e.g. save this tab's edits). The window closes
   * only when every registered save succeeded; returns the unregister function (call it on unmount).
   */
  onSave(save: () => Promise<void>): () => void;
  /** Shows a failure in the window's one MessageBar; `action` says what did not happen. */
  reportError(action: string, error: unknown): void;
}

export interface IntegrationTabProps {
  context: IntegrationTabContext;
  /** An OfficeTools entity to show and highlight once the tab's data is loaded; a tab without lists ignores it. */
  focus?: EntityFocus;
}

export type IntegrationTabContents = Record<IntegrationTabKey, ComponentType<IntegrationTabProps>>;
