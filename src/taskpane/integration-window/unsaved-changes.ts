/**
 * How a tab tells the Integration window it holds edits that OK would save (docs/decisions/
 * 0007-save-semantics.md). Only tabs with a draft use it (Account Defaults); the Match tabs save
 * each action at once and never report anything. A context rather than a prop, so the tabs'
 * shared props (integration-tabs.ts) stay as they are.
 */
import { createContext, useContext, useEffect } from 'react';

/** `label` names the tab in the prompt ("Discard your changes to Account Defaults?"). */
export type ReportUnsaved = (label: string, unsaved: boolean) => void;

export const UnsavedChangesContext = createContext<ReportUnsaved>(() => undefined);

/** Reports this tab's state while it is mounted, and "nothing unsaved" when it goes away. */
export function useReportUnsaved(label: string, unsaved: boolean): void {
  const report = useContext(UnsavedChangesContext);
  useEffect(() => {
    report(label, unsaved);
  }, [report, label, unsaved]);
  useEffect(() => () => report(label, false), [report, label]);
}
