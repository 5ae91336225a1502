import { MessageBar, MessageBarType, Stack, Text } from '@fluentui/react';
import type { ComponentType } from 'react';
import type { IntegrationTabProps } from './integration-tabs';

/** A tab whose content comes in a later version: says what it will hold, and that it is not here yet. */
export function notAvailableTab(purpose: string): ComponentType<IntegrationTabProps> {
  function NotAvailableTab() {
    return (
      <Stack tokens={{ childrenGap: 12 }} styles={{ root: { paddingTop: 12 } }}>
        <Text>{purpose}</Text>
        <MessageBar messageBarType={MessageBarType.info}>This tab is not available in this version of QBO Sync yet. It will come in a later update.</MessageBar>
      </Stack>
    );
  }
  return NotAvailableTab;
}
