/**
 * The four Match tabs of the Integration window: one generic MatchTab, each given its kind's
 * spec. `createMatchTab` also takes the edges, so tests can build a tab over fakes.
 */
import type { ComponentType } from 'react';
import { contactSpec, employeeSpec, expenseCodeSpec, workCodeSpec, type MatchSpec } from '../../sync/jobs/match-spec';
import type { QboStored } from '../../sync/qbo/entities';
import type { IntegrationTabProps } from '../integration-window/integration-tabs';
import { MatchTab } from './match-tab';
import { DEFAULT_MATCH_TAB_DEPS, type MatchTabDeps } from './match-tab-deps';

export function createMatchTab<OT extends { id: string }, Q extends QboStored, I>(
  spec: MatchSpec<OT, Q, I>,
  deps: MatchTabDeps = DEFAULT_MATCH_TAB_DEPS,
): ComponentType<IntegrationTabProps> {
  function ConfiguredMatchTab({ context, focus }: IntegrationTabProps) {
    return <MatchTab context={context} focus={focus} spec={spec} deps={deps} />;
  }
  ConfiguredMatchTab.displayName = `MatchTab(${spec.kind})`;
  return ConfiguredMatchTab;
}

export const ContactMatchTab = createMatchTab(contactSpec);
export const EmployeeMatchTab = createMatchTab(employeeSpec);
export const WorkCodeMatchTab = createMatchTab(workCodeSpec);
export const ExpenseCodeMatchTab = createMatchTab(expenseCodeSpec);
