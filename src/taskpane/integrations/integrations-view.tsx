/**
 * The QuickBooks Integration Options window, step by step as the seed describes it: the
 * QuickBooks tab, "QuickBooks Online" chosen and confirmed, Connect to QuickBooks Online, Yes to
 * authenticate, the Intuit sign-in in a host dialog window, then "Company" shows the connected
 * company and the Contacts settings appear. The connection is the firm's: the view says who
 * connected it and when, and follows connects and disconnects made by other staff. A company
 * outside the US is refused before it is attached (the sign-in's authorization is cancelled), and
 * one already attached is disconnected. When the connection needs attention (refresh token
 * running out, a lapsed grant, another company) a banner offers Reconnect; after each connect
 * the company is checked (pre-flight), and "Check QuickBooks company" checks it on demand.
 *
 * The QuickBooks Online Integration window opens as a window of the host, over the workspace
 * (docs/decisions/0008-host-windows.md); this view stays at the panel's width and says that the
 * window is open, and re-reads the settings when it closes. A host without windows gets the
 * window inside the panel, as before.
 */
import {
  ChoiceGroup,
  DefaultButton,
  MessageBar,
  MessageBarType,
  Pivot,
  PivotItem,
  PrimaryButton,
  Spinner,
  SpinnerSize,
  Stack,
  Text,
  TextField,
  type IChoiceGroupOption,
} from '@fluentui/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConnectedStatus, ConnectionStatus } from '../../sync/connection/connection-status';
import type { ContactType } from '../../sync/host/protocol';
import type { SettingsRecord } from '../../sync/store/schema';
import type { SettingsPatch } from '../../sync/store/settings-store';
import type { PreflightFix } from '../../sync/preflight/preflight-types';
import { isIntegrationWindow } from '../host-window/host-window-name';
import { INTEGRATION_TAB_LABELS, type IntegrationTabContents, type IntegrationTabKey } from '../integration-window/integration-tabs';
// The window, its tabs and the dialogs are fetched when first opened (load budget).
import { ConfirmDialog, IntegrationWindow, TAB_CONTENTS } from '../lazy-views';
import { HostWindowStatus } from '../host-window/host-window-status';
import { useHostWindow } from '../host-window/use-host-window';
import { ConnectionAttentionBanner } from '../shared/connection-attention-banner';
import { describeError } from '../shared/describe-error';
import { FirmStatusBanner, type FirmStatusSource } from '../shared/firm-status-banner';
import type { PanelHost, PanelProxy, PanelSettings } from '../shared/panel-services';
import { ContactsSection } from './contacts-section';
import { ConnectedByLine } from './connected-by-line';
import { PreflightSection } from './preflight-section';
import type { PreflightService } from './preflight-service';
import { openSignInWindow, type SignInResult, type SignInWindow } from './sign-in-window';

export interface WindowRequest {
  tab: IntegrationTabKey;
  /** Changes on every request, so asking twice for the same tab opens it twice. */
  id: number;
  /** The OfficeTools entity to show on the tab (`?focus=`). */
  focusId?: string;
}

export interface IntegrationsViewProps {
  host: PanelHost;
  proxy: PanelProxy;
  settings: PanelSettings;
  /** @defaultvalue TAB_CONTENTS */
  tabs?: IntegrationTabContents;
  /** A menu command asked for the QuickBooks Online Integration window at a tab. */
  windowRequest?: WindowRequest;
  /** Where the firm's replication status comes from (the offline and not-taken banners). Absent: none shown. */
  firm?: FirmStatusSource;
  /** The pre-flight check of the connected company. Absent: no check is offered. */
  preflight?: PreflightService;
  /** Another window's banner asked to reconnect; changes on every request. */
  reconnectRequest?: number;
}

type Choice = 'none' | 'qbo';
type Question = 'enable' | 'authenticate' | 'disconnect' | 'disconnectToNone';
type Busy = 'signingIn' | 'disconnecting' | 'refusing' | 'keeping';
interface Notice {
  type: MessageBarType;
  text: string;
}

const CHOICES: IChoiceGroupOption[] = [
  { key: 'none', text: 'None' },
  { key: 'qbo', text: 'QuickBooks Online' },
];

const error = (text: string): Notice => ({ type: MessageBarType.error, text });
const warning = (text: string): Notice => ({ type: MessageBarType.warning, text });

export function IntegrationsView({ host, proxy, settings, tabs = TAB_CONTENTS, windowRequest, firm, preflight, reconnectRequest }: IntegrationsViewProps) {
  const [status, setStatus] = useState<ConnectionStatus | undefined>(undefined);
  const [choice, setChoice] = useState<Choice>('none');
  const [question, setQuestion] = useState<Question | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [record, setRecord] = useState<SettingsRecord | null>(null);
  const [contactTypes, setContactTypes] = useState<ContactType[] | undefined>(undefined);
  const [settingsRead, setSettingsRead] = useState(0);
  // The window may have changed the settings (Account Defaults): read them again when it closes.
  const windows = useHostWindow(host, () => setSettingsRead((n) => n + 1));
  const openWindow = windows.open;
  const signIn = useRef<SignInWindow | null>(null);
  const handledRequest = useRef<number | null>(null);
  const saving = useRef(0);
  /** Bumped after each connect: the pre-flight check runs then. */
  const [autoCheck, setAutoCheck] = useState(0);

  const company: ConnectedStatus | null = status?.connected && proxy.checkCompanySupported(status).ok ? status : null;
  const realmId = company?.realmId;

  /** Takes a status from the proxy; a company this integration cannot serve is disconnected at once. */
  const adopt = useCallback(
    async (next: ConnectionStatus): Promise<void> => {
      if (!next.connected) {
        // A lapsed connection keeps QuickBooks Online chosen, so Connect is one click away.
        if (next.attention?.some((a) => a.kind === 'lapsed')) setChoice('qbo');
        setStatus(next);
        return;
      }
      setChoice('qbo');
      const support = proxy.checkCompanySupported(next);
      if (support.ok) {
        setStatus(next);
        return;
      }
      setBusy('refusing');
      try {
        await proxy.disconnect();
        setStatus({ connected: false });
        setNotice(error(`${support.reason} OfficeTools has disconnected it.`));
      } catch (e) {
        setStatus(next);
        setNotice(error(`${support.reason} ${describeError('OfficeTools could not disconnect it; click Disconnect to try again', e)}`));
      } finally {
        setBusy(null);
      }
    },
    [proxy],
  );

  useEffect(() => {
    let live = true;
    proxy.status().then(
      (s) => {
        if (live) void adopt(s);
      },
      (e: unknown) => {
        if (!live) return;
        setStatus({ connected: false });
        setNotice(error(describeError('Could not check the connection to QuickBooks Online', e)));
      },
    );
    return () => {
      live = false;
    };
  }, [proxy, adopt]);

  // Another staff member connected or disconnected: the firm's connection is what this view shows.
  useEffect(() => {
    if (!proxy.onConnectionChange) return undefined;
    let live = true;
    const off = proxy.onConnectionChange(() => {
      proxy.status().then(
        (s) => {
          if (live) void adopt(s);
        },
        () => undefined, // the next event or action reads it again; the stream going down is shown elsewhere
      );
    });
    return () => {
      live = false;
      off();
    };
  }, [proxy, adopt]);

  // The settings and the contact types belong to the connected company; reload them when it changes.
  useEffect(() => {
    setRecord(null);
    setContactTypes(undefined);
    if (!realmId) return;
    let live = true;
    settings.load(realmId).then(
      (r) => live && setRecord(r),
      (e: unknown) => live && setNotice(error(describeError('Could not read the saved QuickBooks Online settings', e))),
    );
    host.request('contactTypes.list', {}).then(
      (types) => live && setContactTypes(types),
      (e: unknown) => live && setNotice(error(describeError('Could not load the contact types from OfficeTools', e))),
    );
    return () => {
      live = false;
    };
  }, [realmId, settings, host, settingsRead]);

  // Other staff changed the contact settings: show theirs, unless a change of ours is being saved.
  useEffect(() => {
    if (!realmId || !settings.subscribe) return undefined;
    let live = true;
    const off = settings.subscribe(realmId, () => {
      if (saving.current > 0) return;
      settings.load(realmId).then(
        (r) => live && saving.current === 0 && setRecord(r),
        () => undefined, // what is shown stays; the next save reports a failing store
      );
    });
    return () => {
      live = false;
      off();
    };
  }, [realmId, settings]);

  // Another window's banner asked to reconnect: the seed's question, then the sign-in.
  useEffect(() => {
    if (!reconnectRequest) return;
    setChoice('qbo');
    setQuestion('authenticate');
  }, [reconnectRequest]);

  // A menu command (Account Details, Contacts Sync, …) opens the Integration window at its tab.
  useEffect(() => {
    if (!windowRequest || status === undefined || busy === 'refusing' || handledRequest.current === windowRequest.id) return;
    handledRequest.current = windowRequest.id;
    if (company) {
      openWindow(windowRequest.tab, windowRequest.focusId);
    } else {
      setNotice(
        warning(
          `The ${INTEGRATION_TAB_LABELS[windowRequest.tab]} tab needs a QuickBooks Online connection. Choose QuickBooks Online below, click Connect to QuickBooks Online, then open it again from the Setup menu.`,
        ),
      );
    }
  }, [windowRequest, status, busy, company, openWindow]);

  async function connect(): Promise<void> {
    setQuestion(null);
    setNotice(null);
    setBusy('signingIn');
    try {
      const { url, flowId } = await proxy.startAuth();
      const win = await openSignInWindow(host, url, flowId);
      signIn.current = win;
      const outcome = await win.outcome;
      if (outcome.kind === 'cancelled') {
        setNotice(warning('Sign-in was cancelled, so nothing was connected. Click Connect to QuickBooks Online to try again.'));
        return;
      }
      if (outcome.kind === 'result') {
        void win.close();
        if (outcome.result.status === 'denied') {
          setNotice(warning('Access was not allowed in the QuickBooks Online sign-in window, so nothing was connected. Click Connect to QuickBooks Online to try again.'));
          return;
        }
        if (outcome.result.status === 'error') {
          const why = outcome.result.message || 'QuickBooks Online did not finish the sign-in.';
          setNotice(error(`Could not connect to QuickBooks Online. ${why} Click Connect to QuickBooks Online to try again.`));
          return;
        }
        await finishSignIn(outcome.result);
        return;
      }
      // Connected, or the window closed without a word: the proxy knows which.
      const next = await proxy.status();
      if (!next.connected && outcome.kind === 'closed') {
        setNotice(warning('The QuickBooks Online sign-in window was closed before the connection was made. Click Connect to QuickBooks Online to try again.'));
      }
      await adopt(next);
      if (next.connected && proxy.checkCompanySupported(next).ok) setAutoCheck((n) => n + 1);
    } catch (e) {
      setNotice(error(describeError('Could not connect to QuickBooks Online', e)));
    } finally {
      signIn.current = null;
      setBusy((b) => (b === 'signingIn' ? null : b));
    }
  }

  /** The sign-in authorized a company: attach it to the firm, or drop it when it cannot be served. */
  async function finishSignIn(result: Extract<SignInResult, { status: 'authorized' }>): Promise<void> {
    const support = proxy.checkCompanySupported(result);
    if (!support.ok) {
      try {
        await proxy.cancel(result.completion);
        setNotice(error(`${support.reason} OfficeTools did not connect it.`));
      } catch (e) {
        // Not attached either way: the authorization expires on its own within minutes.
        setNotice(error(`${support.reason} OfficeTools did not connect it. ${describeError('It could not tell the QBO Sync service to drop the sign-in', e)}`));
      }
      return;
    }
    const next = await proxy.complete(result.completion);
    await adopt(next);
    if (next.connected && proxy.checkCompanySupported(next).ok) setAutoCheck((n) => n + 1);
  }

  async function keepCompany(): Promise<void> {
    if (!proxy.keepCompany) return;
    setNotice(null);
    setBusy('keeping');
    try {
      await adopt(await proxy.keepCompany());
    } catch (e) {
      setNotice(error(describeError('Could not keep the company', e)));
    } finally {
      setBusy(null);
    }
  }

  /** A fix offered by the pre-flight check; the check runs again after a settings change. */
  async function applyPreflightFix(fix: PreflightFix): Promise<void> {
    if (fix.kind === 'openTab') {
      openWindow(fix.tab);
      return;
    }
    if (!realmId) return;
    setRecord(await settings.save(realmId, { invoiceNumbers: fix.numbering }));
  }

  async function disconnect(then: Choice): Promise<void> {
    setQuestion(null);
    setNotice(null);
    setBusy('disconnecting');
    try {
      await proxy.disconnect();
      setStatus({ connected: false });
      setChoice(then);
    } catch (e) {
      setNotice(error(describeError('Could not disconnect from QuickBooks Online', e)));
    } finally {
      setBusy(null);
    }
  }

  async function changeSettings(patch: SettingsPatch): Promise<void> {
    if (!realmId || !record) return;
    const before = record;
    setRecord({ ...record, ...patch });
    saving.current++;
    try {
      setRecord(await settings.save(realmId, patch));
    } catch (e) {
      setRecord(before);
      setNotice(error(describeError('Could not save the contact settings', e)));
    } finally {
      saving.current--;
    }
  }

  function choose(next: Choice): void {
    if (next === choice) return;
    if (next === 'qbo') setQuestion('enable');
    else if (status?.connected) setQuestion('disconnectToNone');
    else setChoice('none');
  }

  const windowContext = useMemo(
    () => (company ? { realmId: company.realmId, companyName: company.companyName, host, proxy, settings } : null),
    [company, host, proxy, settings],
  );

  const companyName = status?.connected ? status.companyName : '';
  // While a choice waits for its Yes, the radio already shows it (as in OfficeTools); No puts it back.
  const shownChoice: Choice = question === 'enable' ? 'qbo' : question === 'disconnectToNone' ? 'none' : choice;

  return (
    <Stack tokens={{ childrenGap: 12 }} styles={{ root: { padding: 16, maxWidth: 640 } }}>
      <Text as="h1" variant="xLarge" styles={{ root: { margin: 0 } }}>
        QuickBooks Integration Options
      </Text>
      {notice && (
        <MessageBar messageBarType={notice.type} isMultiline onDismiss={() => setNotice(null)} dismissButtonAriaLabel="Close message">
          {notice.text}
        </MessageBar>
      )}
      <ConnectionAttentionBanner
        status={status}
        busy={busy !== null}
        onReconnect={() => {
          setChoice('qbo');
          setQuestion('authenticate');
        }}
        onKeepCompany={proxy.keepCompany ? () => void keepCompany() : undefined}
      />
      {company && firm && <FirmStatusBanner realmId={company.realmId} source={firm} />}
      <HostWindowStatus state={windows.state} onDismiss={windows.clear} />
      <Pivot aria-label="Integration options">
        <PivotItem headerText="QuickBooks" itemKey="quickbooks">
          <Stack tokens={{ childrenGap: 12 }} styles={{ root: { paddingTop: 12 } }}>
            {status === undefined ? (
              <Spinner size={SpinnerSize.medium} label="Checking the QuickBooks Online connection…" />
            ) : (
              <ChoiceGroup
                label="Integrate OfficeTools with"
                options={CHOICES}
                selectedKey={shownChoice}
                disabled={busy !== null}
                onChange={(_e, option) => option && choose(option.key as Choice)}
              />
            )}
            {status !== undefined && choice === 'qbo' && (
              <Stack tokens={{ childrenGap: 10 }}>
                <TextField label="Company" readOnly value={companyName} placeholder={status.connected ? '' : 'Not connected'} />
                {status.connected && <ConnectedByLine status={status} />}
                {busy === 'signingIn' ? (
                  <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 12 }}>
                    <Spinner size={SpinnerSize.small} label="Waiting for the QuickBooks Online sign-in window…" labelPosition="right" />
                    <DefaultButton text="Cancel sign-in" onClick={() => signIn.current?.cancel()} />
                  </Stack>
                ) : busy ? (
                  <Spinner size={SpinnerSize.small} label={busy === 'disconnecting' ? 'Disconnecting…' : busy === 'keeping' ? 'Keeping the company…' : 'Checking the company…'} labelPosition="right" />
                ) : status.connected ? (
                  <Stack horizontal>
                    <DefaultButton text="Disconnect" onClick={() => setQuestion('disconnect')} />
                  </Stack>
                ) : (
                  <Stack horizontal>
                    <PrimaryButton text="Connect to QuickBooks Online" onClick={() => setQuestion('authenticate')} />
                  </Stack>
                )}
              </Stack>
            )}
            {company && preflight && (
              <PreflightSection key={company.realmId} service={preflight} realmId={company.realmId} companyName={company.companyName} autoRunKey={autoCheck} onFix={applyPreflightFix} />
            )}
            {company && record && (
              <ContactsSection settings={record} contactTypes={contactTypes} onChange={(patch) => void changeSettings(patch)} onDefaults={() => openWindow('accountDefaults')} />
            )}
          </Stack>
        </PivotItem>
      </Pivot>

      {question === 'enable' && (
        <ConfirmDialog
          title="QuickBooks Online"
          text="OfficeTools will link this workspace to a QuickBooks Online company. Continue?"
          onYes={() => {
            setQuestion(null);
            setChoice('qbo');
          }}
          onNo={() => setQuestion(null)}
        />
      )}
      {question === 'authenticate' && (
        <ConfirmDialog
          title="Connect to QuickBooks Online"
          text="Provide authentication to QuickBooks Online? A QuickBooks Online sign-in window will open: sign in there and choose the company to connect."
          onYes={() => void connect()}
          onNo={() => setQuestion(null)}
        />
      )}
      {(question === 'disconnect' || question === 'disconnectToNone') && (
        <ConfirmDialog
          title="Disconnect from QuickBooks Online"
          text={`Disconnect OfficeTools from ${companyName || 'QuickBooks Online'}? OfficeTools will stop updating QuickBooks Online until you connect again. The settings for this company are kept for when you reconnect.`}
          onYes={() => void disconnect(question === 'disconnectToNone' ? 'none' : 'qbo')}
          onNo={() => setQuestion(null)}
        />
      )}
      {windows.state.kind === 'inPanel' && windowContext && isIntegrationWindow(windows.state.name) && (
        <IntegrationWindow tab={windows.state.name} tabs={tabs} context={windowContext} onClose={() => windows.closeInPanel()} />
      )}
    </Stack>
  );
}
