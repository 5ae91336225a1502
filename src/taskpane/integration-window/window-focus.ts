/**
 * Opening the Integration window AT one OfficeTools entity: a billing fix such as "Jeffs
 * Jalopies is not linked to a QuickBooks Online customer" names the contact, and the Match tab
 * must show that one among thousands. The entity's id arrives as `?focus=` in the panel's URL,
 * as the `panelView` event's `focusId`, or from a billing window's in-panel fix.
 */
import { createContext } from 'react';
import type { IntegrationTabKey } from './integration-tabs';

/** One request to show an OfficeTools entity; a new object per request, so asking twice shows it twice. */
export interface EntityFocus {
  /** The OfficeTools id (contact, employee, work code, expense code). */
  otId: string;
}

/** A menu command's request to show an entity on a tab of the Integration window. */
export interface WindowFocus {
  tab: IntegrationTabKey;
  entity: EntityFocus;
}

/** The id named by `?focus=` in the panel's URL; undefined when absent or blank. */
export function readPanelFocus(search: string): string | undefined {
  const id = new URLSearchParams(search).get('focus')?.trim();
  return id ? id : undefined;
}

/**
 * The panel's latest menu request to focus an entity. A context rather than a prop because the
 * Integrations screen between the panel and the window only decides whether the window opens.
 */
export const WindowFocusContext = createContext<WindowFocus | undefined>(undefined);

const claimed = new WeakSet<WindowFocus>();

/** True the first time a request is seen: a window opened later by another route must not replay it. */
export function claimWindowFocus(request: WindowFocus): boolean {
  if (claimed.has(request)) return false;
  claimed.add(request);
  return true;
}
