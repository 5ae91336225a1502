/**
 * The Account Defaults tab (seed): under Account Settings, each OfficeTools account with a
 * drop-down of the QBO accounts that fit it; under Invoice Line Item Settings, each OfficeTools
 * line item with a drop-down of QBO items; the payment deposit account, whose empty value means
 * Undeposited Funds, with the seed's note. Edits are a draft: OK saves them for this QBO
 * company (through the window's onSave) and records the change in Sync History; the window
 * asks before Cancel or Escape drops them (docs/decisions/0007-save-semantics.md).
 */
import { Dropdown, MessageBar, MessageBarType, Spinner, SpinnerSize, Stack, Text, type IDropdownOption } from '@fluentui/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { defaultsChangedHistory } from '../../sync/history/history-builders';
import type { HistoryRecorder } from '../../sync/history/history-recorder';
import type { InvoiceLineItem, OfficeToolsAccount } from '../../sync/host/protocol';
import type { JobGateway } from '../../sync/jobs/job-ports';
import type { QboItem } from '../../sync/qbo/entities';
import type { SettingsRecord } from '../../sync/store/schema';
import type { IntegrationTabProps } from '../integration-window/integration-tabs';
import { useReportUnsaved } from '../integration-window/unsaved-changes';
import type { PanelHost } from '../shared/panel-services';
import { createPanelHistory } from '../pending-updates/panel-history';
import { registerTabIcons } from '../match/match-icons';
import { createPanelGateway } from '../match/panel-gateway';
import { useFirstVisible } from '../match/use-first-visible';
import { accountLabel, fittingAccounts, type QboAccountRow } from './account-fit';

export interface AccountDefaultsDeps {
  gateway(realmId: string): Pick<JobGateway, 'queryAll'>;
  /** Where a save is recorded (Sync History); none when absent. */
  history?(realmId: string, host: PanelHost): HistoryRecorder;
}

export const DEFAULT_ACCOUNT_DEFAULTS_DEPS: AccountDefaultsDeps = { gateway: createPanelGateway, history: createPanelHistory };

const TAB_LABEL = 'Account Defaults';

export const UNDEPOSITED_FUNDS_NOTE = 'If you would like for your payments to go to Undeposited Funds in QBO please leave this drop-down empty.';

interface Draft {
  accountDefaults: Record<string, string>;
  lineItemDefaults: Record<string, string>;
  depositAccountId: string;
}

interface Loaded {
  accounts: OfficeToolsAccount[];
  lineItems: InvoiceLineItem[];
  qboAccounts: QboAccountRow[];
  qboItems: QboItem[];
}

const SELLABLE = new Set(['Service', 'NonInventory', 'Inventory']);

/** Options for one drop-down; a saved choice that no longer fits (or exists) stays visible, marked, instead of vanishing. */
function options(empty: string, rows: ReadonlyArray<{ key: string; text: string }>, current: string, unknown: (id: string) => string): IDropdownOption[] {
  const out: IDropdownOption[] = [{ key: '', text: empty }, ...rows];
  if (current && !rows.some((r) => r.key === current)) out.push({ key: current, text: unknown(current) });
  return out;
}

function draftOf(saved: SettingsRecord): Draft {
  return { accountDefaults: { ...saved.accountDefaults }, lineItemDefaults: { ...saved.lineItemDefaults }, depositAccountId: saved.depositAccountId };
}

/** Each setting that differs between two drafts, named as the form names it. */
function draftChanges(before: Draft, after: Draft, loaded: Loaded): Array<{ label: string; from: string; to: string }> {
  const accountName = (id: string | undefined): string => {
    if (!id) return '';
    const a = loaded.qboAccounts.find((x) => x.Id === id);
    return a ? accountLabel(a) : `account ${id}`;
  };
  const itemName = (id: string | undefined): string => {
    if (!id) return '';
    const i = loaded.qboItems.find((x) => x.Id === id);
    return i ? (i.FullyQualifiedName ?? i.Name ?? `item ${id}`) : `item ${id}`;
  };
  const out: Array<{ label: string; from: string; to: string }> = [];
  for (const a of loaded.accounts) {
    if (a.purpose === 'paymentDeposit') continue;
    const from = before.accountDefaults[a.id] ?? '';
    const to = after.accountDefaults[a.id] ?? '';
    if (from !== to) out.push({ label: a.name, from: accountName(from), to: accountName(to) });
  }
  if (before.depositAccountId !== after.depositAccountId) {
    const label = loaded.accounts.find((a) => a.purpose === 'paymentDeposit')?.name ?? 'Payment deposit account';
    out.push({ label, from: accountName(before.depositAccountId) || 'Undeposited Funds', to: accountName(after.depositAccountId) || 'Undeposited Funds' });
  }
  for (const li of loaded.lineItems) {
    const from = before.lineItemDefaults[li.id] ?? '';
    const to = after.lineItemDefaults[li.id] ?? '';
    if (from !== to) out.push({ label: li.name, from: itemName(from), to: itemName(to) });
  }
  return out;
}

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? '') !== (b[k] ?? '')) return false;
  return true;
}

function sameDraft(a: Draft, b: Draft): boolean {
  return a.depositAccountId === b.depositAccountId && sameMap(a.accountDefaults, b.accountDefaults) && sameMap(a.lineItemDefaults, b.lineItemDefaults);
}

export function AccountDefaultsTab({ context, deps = DEFAULT_ACCOUNT_DEFAULTS_DEPS }: IntegrationTabProps & { deps?: AccountDefaultsDeps }) {
  registerTabIcons();
  const { realmId, host, settings, onSave, reportError } = context;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState(false);
  const [draft, setDraftState] = useState<Draft | null>(null);
  // What the firm holds (the draft's starting point): the draft differs from it = unsaved changes.
  const [base, setBase] = useState<Draft | null>(null);
  const history = useMemo(() => deps.history?.(realmId, host), [deps, realmId, host]);
  // Once the user changes a choice, other staff's saves no longer replace the form (OK saves it).
  const edited = useRef(false);
  const setDraft = (next: Draft | null | ((d: Draft | null) => Draft | null)): void => {
    edited.current = true;
    setDraftState(next);
  };
  const latest = useRef<{ draft: Draft | null; base: Draft | null; loaded: Loaded | null }>({ draft: null, base: null, loaded: null });
  latest.current = { draft, base, loaded };
  useReportUnsaved(TAB_LABEL, draft !== null && base !== null && !sameDraft(draft, base));
  const root = useRef<HTMLDivElement>(null);
  const shown = useFirstVisible(root);

  useEffect(() => {
    if (!shown) return undefined;
    let live = true;
    setLoaded(null);
    setDraftState(null);
    setBase(null);
    edited.current = false;
    setFailed(false);
    (async () => {
      const gateway = deps.gateway(realmId);
      const [accounts, lineItems, qboAccounts, qboItems, saved] = await Promise.all([
        host.request('accounts.list', {}),
        host.request('lineItems.list', {}),
        gateway.queryAll<QboAccountRow>('Account', undefined, { pageSize: 1000 }),
        gateway.queryAll<QboItem>('Item', undefined, { pageSize: 1000 }),
        settings.load(realmId),
      ]);
      if (!live) return;
      setLoaded({ accounts, lineItems, qboAccounts, qboItems: qboItems.filter((i) => i.Type === undefined || SELLABLE.has(i.Type)) });
      setDraftState(draftOf(saved));
      setBase(draftOf(saved));
    })().catch((e: unknown) => {
      if (!live) return;
      setFailed(true);
      reportError('Could not load the accounts and items for Account Defaults', e);
    });
    return () => {
      live = false;
    };
  }, [shown, realmId, host, settings, deps, reportError]);

  // Another staff member saved the defaults: show theirs, unless this form has changes of its own.
  useEffect(() => {
    if (!shown || !settings.subscribe) return undefined;
    let live = true;
    const off = settings.subscribe(realmId, () => {
      if (edited.current) return;
      settings.load(realmId).then(
        (saved) => {
          if (live && !edited.current) {
            setDraftState((d) => (d ? draftOf(saved) : d));
            setBase((b) => (b ? draftOf(saved) : b));
          }
        },
        () => undefined, // the form keeps what it shows; OK reports a failing store
      );
    });
    return () => {
      live = false;
      off();
    };
  }, [shown, realmId, settings]);

  // OK saves the draft; nothing is saved when loading failed, so an empty form never overwrites saved choices.
  useEffect(
    () =>
      onSave(async () => {
        const { draft: d, base: b, loaded: l } = latest.current;
        if (!d || !b || !l) return;
        const changes = draftChanges(b, d, l);
        // Nothing changed: no write, so no needless conflict with another staff member's save.
        if (changes.length === 0) return;
        await settings.save(realmId, d);
        setBase(d);
        await history?.record(defaultsChangedHistory(changes));
      }),
    [onSave, settings, realmId, history],
  );

  const itemRows = useMemo(
    () =>
      (loaded?.qboItems ?? [])
        .map((i) => ({ key: i.Id, text: i.FullyQualifiedName ?? i.Name ?? `Item ${i.Id}` }))
        .sort((a, b) => a.text.localeCompare(b.text)),
    [loaded],
  );

  if (failed) return <Text styles={{ root: { paddingTop: 12, display: 'block' } }}>Account Defaults could not be loaded; the message above says why. Close the window and open it again to retry.</Text>;
  if (!loaded || !draft) {
    return (
      <div ref={root}>
        <Spinner size={SpinnerSize.medium} label="Loading OfficeTools accounts and QuickBooks Online accounts…" styles={{ root: { paddingTop: 24 } }} />
      </div>
    );
  }

  const unknownAccount = (id: string) => {
    const a = loaded.qboAccounts.find((x) => x.Id === id);
    return a ? `${accountLabel(a)} — not a fitting account type` : `QuickBooks Online account ${id} (inactive or deleted)`;
  };
  const depositAccount = loaded.accounts.find((a) => a.purpose === 'paymentDeposit');
  const otherAccounts = loaded.accounts.filter((a) => a.purpose !== 'paymentDeposit');
  const depositOptions = options(
    '(Undeposited Funds)',
    fittingAccounts('paymentDeposit', loaded.qboAccounts).map((a) => ({ key: a.Id, text: accountLabel(a) })),
    draft.depositAccountId,
    unknownAccount,
  );

  return (
    <Stack tokens={{ childrenGap: 14 }} styles={{ root: { paddingTop: 12, maxWidth: 640 } }}>
      <Text as="h3" variant="large" styles={{ root: { margin: 0 } }}>
        Account Settings
      </Text>
      <Text variant="small">Choose the QuickBooks Online account each OfficeTools account posts to. Only accounts of a fitting type are offered.</Text>
      {otherAccounts.length === 0 && <MessageBar messageBarType={MessageBarType.info}>OfficeTools has no billing accounts to map.</MessageBar>}
      {otherAccounts.map((a) => {
        const current = draft.accountDefaults[a.id] ?? '';
        return (
          <Dropdown
            key={a.id}
            label={a.name}
            selectedKey={current}
            options={options('(none)', fittingAccounts(a.purpose, loaded.qboAccounts).map((q) => ({ key: q.Id, text: accountLabel(q) })), current, unknownAccount)}
            onChange={(_e, o) => {
              if (!o) return;
              setDraft((d) => {
                if (!d) return d;
                const accountDefaults = { ...d.accountDefaults };
                if (o.key === '') delete accountDefaults[a.id];
                else accountDefaults[a.id] = String(o.key);
                return { ...d, accountDefaults };
              });
            }}
          />
        );
      })}
      <Stack tokens={{ childrenGap: 4 }}>
        <Dropdown
          label={depositAccount?.name ?? 'Payment deposit account'}
          selectedKey={draft.depositAccountId}
          options={depositOptions}
          onChange={(_e, o) => o && setDraft((d) => (d ? { ...d, depositAccountId: String(o.key) } : d))}
        />
        <Text variant="small">Please note: {UNDEPOSITED_FUNDS_NOTE}</Text>
      </Stack>

      <Text as="h3" variant="large" styles={{ root: { margin: '8px 0 0' } }}>
        Invoice Line Item Settings
      </Text>
      <Text variant="small">Choose the QuickBooks Online product or service each OfficeTools invoice line item is exported as.</Text>
      {loaded.lineItems.length === 0 && <MessageBar messageBarType={MessageBarType.info}>OfficeTools has no invoice line items to map.</MessageBar>}
      {loaded.lineItems.map((li) => {
        const current = draft.lineItemDefaults[li.id] ?? '';
        return (
          <Dropdown
            key={li.id}
            label={li.name}
            selectedKey={current}
            options={options('(none)', itemRows, current, (id) => `QuickBooks Online item ${id} (inactive or deleted)`)}
            onChange={(_e, o) => {
              if (!o) return;
              setDraft((d) => {
                if (!d) return d;
                const lineItemDefaults = { ...d.lineItemDefaults };
                if (o.key === '') delete lineItemDefaults[li.id];
                else lineItemDefaults[li.id] = String(o.key);
                return { ...d, lineItemDefaults };
              });
            }}
          />
        );
      })}
    </Stack>
  );
}
