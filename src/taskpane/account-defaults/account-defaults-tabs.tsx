/**
 * The Account Defaults tab as the Integration window takes it, with the real edges, and a
 * factory for tests to give it other ones.
 */
import type { ComponentType } from 'react';
import type { IntegrationTabProps } from '../integration-window/integration-tabs';
import { AccountDefaultsTab, DEFAULT_ACCOUNT_DEFAULTS_DEPS, type AccountDefaultsDeps } from './account-defaults-tab';

export function createAccountDefaultsTab(deps: AccountDefaultsDeps = DEFAULT_ACCOUNT_DEFAULTS_DEPS): ComponentType<IntegrationTabProps> {
  function ConfiguredAccountDefaultsTab({ context }: IntegrationTabProps) {
    return <AccountDefaultsTab context={context} deps={deps} />;
  }
  return ConfiguredAccountDefaultsTab;
}

export const AccountDefaultsWindowTab = createAccountDefaultsTab();
