/**
 * The QuickBooks Online Integration window (seed: "The tabs on the window let you map OfficeTools
 * entities to QuickBooks Online entities … When finished, click OK to save."). Every tab stays
 * mounted while the window is open, so edits on one tab survive a look at another.
 *
 * Saving (docs/decisions/0007-save-semantics.md): the Match tabs save each action at once, and
 * say so; Account Defaults is a draft. While a tab has unsaved changes the footer shows OK (save
 * and close) and Cancel (asks before discarding; Escape does the same); otherwise it shows
 * Close, since there is nothing to save or drop.
 *
 * Layout (docs/decisions/0008-host-windows.md): the window is its own page in a host window
 * (`page`), or a Modal of a fixed size over a Time & Billing window; either way its size does not
 * change between tabs, the tab contents scroll inside it and the footer with OK/Cancel or Close
 * stays in view.
 */
import { DefaultButton, Dialog, DialogFooter, DialogType, MessageBar, MessageBarType, Modal, Pivot, PivotItem, PrimaryButton, Spinner, SpinnerSize, Stack, Text } from '@fluentui/react';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useWindowDismiss, type HostWindowPage } from '../host-window/host-window-page';
import { describeError } from '../shared/describe-error';
import { INTEGRATION_TABS, INTEGRATION_TAB_LABELS, type IntegrationTabContents, type IntegrationTabContext, type IntegrationTabKey } from './integration-tabs';
import { claimWindowFocus, WindowFocusContext, type WindowFocus } from './window-focus';
import { LinkFileButtons, type LinkFileButtonsProps } from './link-file-buttons';
import { UnsavedChangesContext, type ReportUnsaved } from './unsaved-changes';

export interface IntegrationWindowProps {
  /** The tab to show; changing it while open switches tabs. */
  tab: IntegrationTabKey;
  /**
   * The OfficeTools entity to show on `tab` (e.g. the contact a blocked invoice names). Menu
   * commands reach the window through WindowFocusContext instead.
   */
  focusId?: string;
  tabs: IntegrationTabContents;
  context: Omit<IntegrationTabContext, 'onSave' | 'reportError'>;
  onClose(): void;
  /** Test seams for the links file buttons. @defaultvalue the real link store and a browser download */
  linkFiles?: Pick<LinkFileButtonsProps, 'openStore' | 'download'>;
  /**
   * The host window this page is (the window fills it; the host's close button and Escape ask
   * like Cancel). Absent: the window is a Modal over the page.
   */
  page?: HostWindowPage;
}

/** Hidden from sight but read by screen readers: the host window's title bar already shows the title. */
const VISUALLY_HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

const TITLE_ID = 'qbo-integration-window-title';

/** What the footer says about saving on each tab. */
const SAVED_AT_ONCE = 'Changes on this tab are saved as you make them.';

/** "Account Defaults", or "Account Defaults and X" should another draft tab appear. */
function listOf(labels: readonly string[]): string {
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

export function IntegrationWindow({ tab, focusId, tabs, context, onClose, linkFiles, page }: IntegrationWindowProps) {
  const [selected, setSelected] = useState<IntegrationTabKey>(tab);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [focus, setFocus] = useState<WindowFocus | undefined>(undefined);
  const saves = useRef(new Set<() => Promise<void>>());
  const requested = useContext(WindowFocusContext);
  const openedAt = useRef(tab);
  const [unsaved, setUnsaved] = useState<readonly string[]>([]);
  const [askDiscard, setAskDiscard] = useState(false);
  const reportUnsaved = useCallback<ReportUnsaved>((label, isUnsaved) => {
    setUnsaved((prev) => {
      const has = prev.includes(label);
      if (isUnsaved === has) return prev;
      return isUnsaved ? [...prev, label] : prev.filter((l) => l !== label);
    });
  }, []);

  useEffect(() => setSelected(tab), [tab]);

  useEffect(() => {
    if (focusId) setFocus({ tab, entity: { otId: focusId } });
  }, [tab, focusId]);

  // A menu request that arrives while the window is open switches to its tab; one that was
  // waiting when the window opened counts only if it is what opened the window at this tab.
  const mounted = useRef(false);
  useEffect(() => {
    const first = !mounted.current;
    mounted.current = true;
    if (!requested || !claimWindowFocus(requested)) return;
    if (first && requested.tab !== openedAt.current) return;
    setSelected(requested.tab);
    setFocus(requested);
  }, [requested]);

  // Shown in the panel (a host without windows), two lists side by side need more room than a
  // docked panel has: ask the host to widen it while the window is open (ADR 0003). In a host
  // window the host gave the window its room already.
  const host = context.host;
  const inPanel = !page;
  useEffect(() => {
    if (!inPanel) return undefined;
    host.request('ui.setPanelWidth', { mode: 'wide' }).catch(() => undefined);
    return () => {
      host.request('ui.setPanelWidth', { mode: 'normal' }).catch(() => undefined);
    };
  }, [host, inPanel]);

  const onSave = useCallback((save: () => Promise<void>) => {
    saves.current.add(save);
    return () => {
      saves.current.delete(save);
    };
  }, []);
  const reportError = useCallback((action: string, e: unknown) => setError(describeError(action, e)), []);
  const fullContext = useMemo<IntegrationTabContext>(() => ({ ...context, onSave, reportError }), [context, onSave, reportError]);

  async function ok(): Promise<void> {
    setSaving(true);
    setError(null);
    try {
      // In order, so a failing tab stops the rest and its message is the one shown.
      for (const save of [...saves.current]) await save();
      onClose();
    } catch (e) {
      setError(describeError('The integration settings were not all saved', e));
    } finally {
      setSaving(false);
    }
  }

  /** Cancel, Escape and Close: ask first when something would be lost. */
  function dismiss(): void {
    if (saving) return;
    if (unsaved.length > 0) setAskDiscard(true);
    else onClose();
  }

  useWindowDismiss(page, dismiss);

  const selectedSavesAtOnce = selected !== 'accountDefaults';
  const footerNote = selectedSavesAtOnce
    ? SAVED_AT_ONCE
    : unsaved.length > 0
      ? `${listOf(unsaved)} ${unsaved.length === 1 ? 'has' : 'have'} unsaved changes: OK saves them, Cancel discards them.`
      : 'No unsaved changes.';

  const contents = (
    // In a host window every pixel of height goes to the lists (1366×768 leaves the window 696 px).
    <Stack tokens={{ childrenGap: page ? 8 : 12 }} styles={{ root: { padding: page ? '10px 20px' : 20, height: '100%', boxSizing: 'border-box', minHeight: 0 } }}>
      <Stack.Item>
        <Text as="h2" id={TITLE_ID} variant="xLarge" styles={{ root: page ? VISUALLY_HIDDEN : { margin: 0 } }}>
          QuickBooks Online Integration
        </Text>
        <Text variant="small" block>
          Company: {context.companyName}
        </Text>
      </Stack.Item>
      {notice && (
        <MessageBar messageBarType={MessageBarType.success} isMultiline onDismiss={() => setNotice(null)} dismissButtonAriaLabel="Close message">
          {notice}
        </MessageBar>
      )}
      {error && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline onDismiss={() => setError(null)} dismissButtonAriaLabel="Close message">
          {error}
        </MessageBar>
      )}
      <Pivot selectedKey={selected} onLinkClick={(item) => item?.props.itemKey && setSelected(item.props.itemKey as IntegrationTabKey)} headersOnly aria-label="Integration tabs" styles={{ root: { display: 'flex', flexWrap: 'wrap' } }}>
        {INTEGRATION_TABS.map((key) => (
          <PivotItem key={key} itemKey={key} headerText={INTEGRATION_TAB_LABELS[key]} />
        ))}
      </Pivot>
      {/* The tab contents scroll here, so the footer below never leaves the window. */}
      <Stack.Item grow shrink styles={{ root: { minHeight: 0, overflowY: 'auto', overflowX: 'hidden' } }} data-testid="window-body">
        {INTEGRATION_TABS.map((key) => {
          const Content = tabs[key];
          return (
            <div key={`${key}-${generation}`} role="tabpanel" aria-label={INTEGRATION_TAB_LABELS[key]} hidden={key !== selected}>
              <UnsavedChangesContext.Provider value={reportUnsaved}>
                <Content context={fullContext} focus={focus?.tab === key ? focus.entity : undefined} />
              </UnsavedChangesContext.Provider>
            </div>
          );
        })}
      </Stack.Item>
      <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 8 }} styles={{ root: { flex: 'none', borderTop: '1px solid #edebe9', paddingTop: 12 } }} data-testid="window-footer">
        <LinkFileButtons
          realmId={context.realmId}
          host={context.host}
          reportError={reportError}
          onLoaded={(message) => {
            setNotice(message);
            // The tabs read links when they mount: remount them so they show the loaded ones.
            setGeneration((g) => g + 1);
          }}
          {...linkFiles}
        />
        <Stack.Item grow styles={{ root: { textAlign: 'right' } }}>
          <Text variant="small" role="status" data-testid="save-note">
            {footerNote}
          </Text>
        </Stack.Item>
        {saving && <Spinner size={SpinnerSize.small} label="Saving…" labelPosition="right" />}
        {unsaved.length > 0 ? (
          <>
            <PrimaryButton text="OK" onClick={() => void ok()} disabled={saving} />
            <DefaultButton text="Cancel" onClick={dismiss} disabled={saving} />
          </>
        ) : (
          <DefaultButton text="Close" onClick={dismiss} disabled={saving} />
        )}
      </Stack>
    </Stack>
  );

  const discardQuestion = (
    <>
      {askDiscard && (
        <Dialog
          hidden={false}
          onDismiss={() => setAskDiscard(false)}
          dialogContentProps={{
            type: DialogType.normal,
            title: `Discard your changes to ${listOf(unsaved)}?`,
            subText: 'They have not been saved. Click Keep editing, then OK, to save them.',
            showCloseButton: false,
          }}
          modalProps={{ isBlocking: true }}
          minWidth="min(420px, 92vw)"
        >
          <DialogFooter>
            <PrimaryButton
              text="Discard changes"
              onClick={() => {
                setAskDiscard(false);
                onClose();
              }}
            />
            <DefaultButton text="Keep editing" onClick={() => setAskDiscard(false)} />
          </DialogFooter>
        </Dialog>
      )}
    </>
  );

  if (page) {
    return (
      <div style={{ height: '100%', display: 'flex', flexDirection: 'column' }} role="region" aria-labelledby={TITLE_ID}>
        {contents}
        {discardQuestion}
      </div>
    );
  }
  return (
    <Modal
      isOpen
      isBlocking
      titleAriaId={TITLE_ID}
      onDismiss={dismiss}
      // A fixed size: the window neither grows nor re-centres when another tab is chosen.
      styles={{ main: { width: 'min(1200px, 96vw)', height: 'min(760px, 94vh)', display: 'flex' }, scrollableContent: { display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, overflow: 'hidden' } }}
    >
      {contents}
      {discardQuestion}
    </Modal>
  );
}
