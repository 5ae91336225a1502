import { DefaultButton, MessageBar, MessageBarType, Stack, Text } from '@fluentui/react';
import type { PanelView } from '../sync/host/protocol';

export type NotYetView = Extract<PanelView, 'exportInvoices' | 'importPayments' | 'exportPayments' | 'history'>;

const TITLES: Record<NotYetView, { title: string; purpose: string }> = {
  exportInvoices: { title: 'Invoice Export', purpose: 'Invoice Export will list OfficeTools invoices so you can check the ones to send to QuickBooks Online and click Export Selected.' },
  importPayments: { title: 'Payment Import', purpose: 'Payment Import will list QuickBooks Online payments so you can check the ones to bring into OfficeTools and click Import Selected.' },
  exportPayments: { title: 'Payment Export', purpose: 'Payment Export will list OfficeTools payments so you can check the ones to send to QuickBooks Online and click Export Selected.' },
  history: { title: 'Sync History', purpose: 'Sync History will list what was sent to and received from QuickBooks Online, when, by whom and with what result.' },
};

export function isNotYetView(view: PanelView): view is NotYetView {
  return view in TITLES;
}

export interface NotAvailableViewProps {
  view: NotYetView;
  onOpenIntegrations(): void;
}

/** A screen of a later version: says what it will do and that it is not here yet. */
export function NotAvailableView({ view, onOpenIntegrations }: NotAvailableViewProps) {
  const { title, purpose } = TITLES[view];
  return (
    <Stack tokens={{ childrenGap: 12 }} styles={{ root: { padding: 16, maxWidth: 640 } }}>
      <Text as="h1" variant="xLarge" styles={{ root: { margin: 0 } }}>
        {title}
      </Text>
      <MessageBar messageBarType={MessageBarType.info} isMultiline>
        {title} is not available in this version of QBO Sync yet. It will come in a later update.
      </MessageBar>
      <Text>{purpose}</Text>
      <Stack horizontal>
        <DefaultButton text="Open QuickBooks Integration Options" onClick={onOpenIntegrations} />
      </Stack>
    </Stack>
  );
}
