/**
 * The OfficeTools WorkSpace page: header with firm and signed-in user, the menu bar (shell menus
 * plus installed add-ins' commands), navigation, the record views, the add-in panel and the
 * hidden commands runtime, and notifications.
 *
 * The stand-in holds several firms; "Signed in as" picks a user of any of them. Everything below
 * the header is the signed-in user's workspace and is rebuilt from scratch when the user changes
 * (its own host bridge, lists, panel), so nothing of one user or firm leaks into the next.
 */
import { Dropdown, DropdownMenuItemType, Nav, Text, type IDropdownOption } from '@fluentui/react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { isPanelView, type Contact, type ContactInput, type ContactType, type HostTheme, type HostUser, type Invoice, type PanelView } from '../../../src/sync/host/protocol';
import { AddinFrame } from './addin-frame';
import { AddinPanel, PANEL_DEFAULT_WIDTH } from './addin-panel';
import { AddinWindow, hostWindowArea } from './addin-window';
import { AddinsDialog } from './addins-dialog';
import type { FirmApi, SignedInFirmApi } from './api-client';
import { ContactForm } from './contact-form';
import { ContactsView } from './contacts-view';
import { HostBridge, type HostWindowSpec } from './host-bridge';
import { InvoiceDetail, InvoicesView } from './invoices-view';
import { viewOfUrl } from './manifest-commands';
import { MenuBar, type MenuLeaf } from './menu-bar';
import { buildMenuBar, recordCommands } from './menu-tree';
import { ExpenseCodesView, PaymentsView, StaffView, WorkCodesView } from './record-views';
import { LocalePicker, useShellLocale } from './locale-picker';
import { applyShellTheme, SHELL_COLORS } from './shell-theme';
import { ThemePicker, useShellTheme } from './theme-picker';
import { Toasts, type Toast } from './toasts';
import { useAddins } from './use-addins';
import { useFirmList } from './use-firm-list';

type Section = 'contacts' | 'staff' | 'workCodes' | 'expenseCodes' | 'invoices' | 'payments';
const SECTIONS: Array<{ key: Section; name: string; icon: string }> = [
  { key: 'contacts', name: 'Contacts', icon: 'Contact' },
  { key: 'staff', name: 'Staff', icon: 'People' },
  { key: 'workCodes', name: 'Work Codes', icon: 'Clock' },
  { key: 'expenseCodes', name: 'Expense Codes', icon: 'Money' },
  { key: 'invoices', name: 'Invoices', icon: 'Document' },
  { key: 'payments', name: 'Payments', icon: 'Money' },
];

const USER_KEY = 'officetools.userId';
/** How long after the add-in's last write the shell reloads its lists. */
const RELOAD_AFTER_CHANGES_MS = 400;

/** A user as the sign-in list shows them (GET /api/users). */
interface SignInUser extends HostUser {
  firmId: string;
  firmName: string;
}

/** The users grouped under a header per firm. */
function userOptions(users: readonly SignInUser[]): IDropdownOption[] {
  const options: IDropdownOption[] = [];
  let firmId: string | undefined;
  for (const u of users) {
    if (u.firmId !== firmId) {
      firmId = u.firmId;
      options.push({ key: `firm:${u.firmId}`, text: u.firmName, itemType: DropdownMenuItemType.Header });
    }
    options.push({ key: u.id, text: `${u.name} (${u.role})`, title: `${u.name}, ${u.role} of ${u.firmName}` });
  }
  return options;
}

export function Workspace({ api }: { api: SignedInFirmApi }) {
  const [users, setUsers] = useState<SignInUser[]>([]);
  const [userId, setUserId] = useState<string>();
  const [error, setError] = useState<string>();
  const [theme, setTheme] = useShellTheme();
  const [locale, setLocale] = useShellLocale();
  // The shell's own screens follow its Theme too, before paint so no frame mixes the two.
  useLayoutEffect(() => applyShellTheme(theme), [theme]);

  const signIn = useCallback(
    (id: string | undefined) => {
      // The api must send the new user before the new workspace's first request.
      api.signIn(id);
      setUserId(id);
    },
    [api],
  );

  useEffect(() => {
    api.request<SignInUser[]>('GET', '/api/users').then(
      (list) => {
        setUsers(list);
        const saved = localStorage.getItem(USER_KEY);
        signIn(list.find((u) => u.id === saved)?.id ?? list[0]?.id);
      },
      (err: unknown) => setError(`The shell's users could not be read: ${(err as Error).message}`),
    );
  }, [api, signIn]);

  const user = users.find((u) => u.id === userId);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100vh', background: SHELL_COLORS.page }}>
      <header style={{ display: 'flex', alignItems: 'center', gap: 16, height: 44, padding: '0 16px', background: '#1b3a57', color: '#fff' }}>
        <Text variant="large" styles={{ root: { color: '#fff', fontWeight: 600 } }}>
          OfficeTools WorkSpace
        </Text>
        <Text styles={{ root: { color: '#d0dbe6' } }} aria-label="Firm">
          {user?.firmName ?? ''}
        </Text>
        <div style={{ flex: 1 }} />
        <ThemePicker theme={theme} onChange={setTheme} />
        <LocalePicker locale={locale} onChange={setLocale} />
        <Text styles={{ root: { color: '#d0dbe6' } }}>Signed in as</Text>
        <Dropdown
          ariaLabel="Signed-in user"
          selectedKey={userId}
          options={userOptions(users)}
          onChange={(_, o) => {
            if (!o || o.itemType === DropdownMenuItemType.Header) return;
            localStorage.setItem(USER_KEY, String(o.key));
            signIn(String(o.key));
          }}
          styles={{ root: { width: 220 } }}
        />
      </header>
      {error && (
        <Text role="alert" styles={{ root: { padding: 16, color: SHELL_COLORS.error } }}>
          {error}
        </Text>
      )}
      {user && <FirmWorkspace key={user.id} api={api} user={user} theme={theme} locale={locale} />}
    </div>
  );
}

/** The panel URL for a view: the manifest's SourceLocation with `?view=` (and focusId) replaced. */
/** The panel's width while the add-in shows side-by-side lists: most of the window, leaving the navigation. */
function widePanelWidth(): number {
  return Math.max(PANEL_DEFAULT_WIDTH, Math.min(1280, window.innerWidth - 200));
}

function panelUrl(sourceLocation: string, view: PanelView, focusId?: string): string {
  const url = new URL(sourceLocation);
  url.searchParams.set('view', view);
  if (focusId) url.searchParams.set('focusId', focusId);
  else url.searchParams.delete('focusId');
  return url.href;
}

/** The signed-in user's workspace: menus, records, add-ins. Mounted once per sign-in. */
function FirmWorkspace({ api, user: signedIn, theme, locale }: { api: FirmApi; user: SignInUser; theme: HostTheme; locale: string }) {
  const { firmId, firmName } = signedIn;
  const userId = signedIn.id;
  const [staffCount, setStaffCount] = useState<number>();
  const [section, setSection] = useState<Section>('contacts');
  const [version, setVersion] = useState(0);
  const [form, setForm] = useState<{ contact?: Contact }>();
  const [openInvoice, setOpenInvoice] = useState<Invoice>();
  const [catalogOpen, setCatalogOpen] = useState(false);
  const [panel, setPanel] = useState<{ addinId: string; url: string }>();
  const [panelWidth, setPanelWidth] = useState(PANEL_DEFAULT_WIDTH);
  const [toasts, setToasts] = useState<Toast[]>([]);
  // The add-in's host window (ui.openWindow): modal over the workspace, one at a time.
  const [hostWindow, setHostWindow] = useState<{ addinId: string; spec: HostWindowSpec }>();
  const toastId = useRef(0);

  const notify = useCallback((level: Toast['level'], title: string, message: string) => {
    const id = ++toastId.current;
    setToasts((t) => [...t.slice(-4), { id, level, title, message }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), level === 'error' ? 15000 : 8000);
  }, []);

  // The bridge lives as long as this sign-in; its callbacks read the latest state through refs.
  // While the add-in asks for a wide panel (side-by-side lists), the user's own width is kept to restore.
  const [panelWide, setPanelWide] = useState(false);
  const setPanelMode = useCallback((mode: 'wide' | 'normal'): number => {
    setPanelWide(mode === 'wide');
    return mode === 'wide' ? widePanelWidth() : panelWidthRef.current;
  }, []);
  const panelWidthRef = useRef(panelWidth);
  panelWidthRef.current = panelWidth;
  const latest = useRef({ showPanel: (_a: string, _v: PanelView, _f?: string) => {}, notify, dataChanged: () => {} });
  // An import writes hundreds of records one call at a time: reload once it pauses, not per record.
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dataChanged = useCallback(() => {
    clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => setVersion((v) => v + 1), RELOAD_AFTER_CHANGES_MS);
  }, []);
  useEffect(() => () => clearTimeout(reloadTimer.current), []);
  // Frames that ask host.info later read the ref; frames already open are told of the change.
  const themeRef = useRef(theme);
  // Add-ins take the locale once per frame: the frames below are keyed by it, so a change reloads them.
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const [bridge] = useState(
    () =>
      new HostBridge({
        window,
        api,
        ui: {
          showPanel: (addinId, view, focusId) => latest.current.showPanel(addinId, view, focusId),
          notify: (_addinId, level, title, message) => latest.current.notify(level, title, message),
          setPanelWidth: (_addinId, mode) => setPanelMode(mode),
          dataChanged: () => latest.current.dataChanged(),
          openWindow: (addinId, spec) => setHostWindow({ addinId, spec }),
          closeWindow: (_addinId, windowId) => setHostWindow((w) => (w?.spec.windowId === windowId ? undefined : w)),
          windowArea: () => hostWindowArea({ width: window.innerWidth, height: window.innerHeight }),
        },
        // The bridge lives as long as this sign-in, so the user and firm are fixed for it.
        info: () => ({ firmId, firmName, user: { id: signedIn.id, name: signedIn.name, email: signedIn.email, role: signedIn.role } }),
        theme: () => themeRef.current,
        locale: () => localeRef.current,
      }),
  );
  useEffect(() => () => bridge.dispose(), [bridge]);
  useEffect(() => {
    if (themeRef.current === theme) return;
    themeRef.current = theme;
    bridge.emitThemeChanged(theme);
  }, [bridge, theme]);

  const { catalog, installed, install, uninstall } = useAddins(api, bridge, userId);

  useEffect(() => {
    api.request<HostUser[]>('GET', '/api/firm/users').then(
      (list) => setStaffCount(list.length),
      (err: unknown) => notify('error', 'Users', (err as Error).message),
    );
  }, [api, notify]);

  const contacts = useFirmList<Contact>(api, '/api/firm/contacts', version);
  const contactTypes = useFirmList<ContactType>(api, '/api/firm/contactTypes', version);
  const invoices = useFirmList<Invoice>(api, '/api/firm/invoices', version);
  const contactMap = useMemo(() => new Map((contacts.items ?? []).map((c) => [c.id, c])), [contacts.items]);

  // A removed add-in's panel goes with it.
  useEffect(() => {
    if (panel && !installed.some((a) => a.addinId === panel.addinId)) setPanel(undefined);
  }, [installed, panel]);

  const showPanel = useCallback(
    (addinId: string, view: PanelView, focusId?: string) => {
      const addin = installed.find((a) => a.addinId === addinId);
      if (!addin) return;
      if (panel?.addinId === addinId && bridge.hasFrame(addinId, 'panel')) {
        bridge.sendEvent(addinId, 'panelView', focusId ? { view, focusId } : { view }, ['panel']);
      } else {
        setPanel({ addinId, url: panelUrl(addin.manifest.sourceLocation, view, focusId) });
      }
    },
    [installed, panel, bridge],
  );

  useLayoutEffect(() => {
    latest.current = { showPanel, notify, dataChanged };
  });

  const runCommand = (leaf: MenuLeaf) => {
    if (leaf.kind === 'shell') {
      if (leaf.command === 'addins') setCatalogOpen(true);
      else if (leaf.command === 'newContact') setForm({});
      else if (leaf.command === 'reload') setVersion((v) => v + 1);
      else if (leaf.command === 'firmInfo') notify('info', firmName, `${contacts.items?.length ?? 0} contacts, ${staffCount ?? '?'} users.`);
      else notify('info', 'OfficeTools WorkSpace', 'A stand-in for the OfficeTools desktop shell, for developing add-ins.');
      return;
    }
    const { action, addinId } = leaf;
    if (action.type === 'showTaskpane') {
      const view = viewOfUrl(action.url);
      if (panel?.addinId === addinId && isPanelView(view) && bridge.hasFrame(addinId, 'panel')) bridge.sendEvent(addinId, 'panelView', { view }, ['panel']);
      else setPanel({ addinId, url: action.url });
      return;
    }
    const context = section === 'invoices' && openInvoice ? { invoiceId: openInvoice.id } : {};
    void bridge.executeFunction(addinId, action.functionName, context).then((outcome) => {
      if (!outcome.ok) notify('error', leaf.label, outcome.error ?? 'The command failed.');
      setVersion((v) => v + 1);
    });
  };

  const saveContact = async (body: Partial<ContactInput>) => {
    const previous = form?.contact;
    if (previous) {
      const fresh = await api.request<Contact>('GET', `/api/firm/contacts/${encodeURIComponent(previous.id)}`);
      const updated = await api.request<Contact>('PATCH', `/api/firm/contacts/${encodeURIComponent(previous.id)}`, body);
      bridge.emitContactChanged(updated, fresh);
    } else {
      const created = await api.request<Contact>('POST', '/api/firm/contacts', body);
      bridge.emitContactAdded(created);
    }
    setForm(undefined);
    setVersion((v) => v + 1);
  };

  const menus = useMemo(() => buildMenuBar(installed), [installed]);
  const invoiceCommands = useMemo(() => recordCommands(installed), [installed]);
  const panelAddin = panel && installed.find((a) => a.addinId === panel.addinId);

  return (
    <>
      {/* While a host window is open the workspace behind it takes no focus or clicks (the window is modal). */}
      <div inert={hostWindow ? true : undefined} style={{ flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <MenuBar menus={menus} onRun={runCommand} />
      <div style={{ flex: 1, display: 'flex', minHeight: 0 }}>
        <nav aria-label="Sections" style={{ width: 180, borderRight: `1px solid ${SHELL_COLORS.divider}`, background: SHELL_COLORS.surface }}>
          <Nav
            selectedKey={section}
            groups={[
              {
                links: SECTIONS.map((s) => ({
                  key: s.key,
                  name: s.name,
                  url: `#${s.key}`,
                  icon: s.icon,
                  onClick: (ev) => {
                    ev?.preventDefault();
                    setSection(s.key);
                    setOpenInvoice(undefined);
                  },
                })),
              },
            ]}
          />
        </nav>
        <main style={{ flex: 1, minWidth: 0, background: SHELL_COLORS.surface }}>
          {section === 'contacts' && (
            <ContactsView contacts={contacts.items} contactTypes={contactTypes.items ?? []} error={contacts.error} onAdd={() => setForm({})} onEdit={(c) => setForm({ contact: c })} />
          )}
          {section === 'staff' && <StaffView api={api} version={version} />}
          {section === 'workCodes' && <WorkCodesView api={api} version={version} />}
          {section === 'expenseCodes' && <ExpenseCodesView api={api} version={version} />}
          {section === 'invoices' &&
            (openInvoice ? (
              <InvoiceDetail
                invoice={invoices.items?.find((i) => i.id === openInvoice.id) ?? openInvoice}
                contact={contactMap.get(openInvoice.contactId)}
                commands={invoiceCommands}
                onRun={runCommand}
                onBack={() => setOpenInvoice(undefined)}
              />
            ) : (
              <InvoicesView invoices={invoices.items} error={invoices.error} contacts={contactMap} onOpen={setOpenInvoice} />
            ))}
          {section === 'payments' && <PaymentsView api={api} version={version} contacts={contactMap} />}
        </main>
        {panel && panelAddin && (
          <AddinPanel
            key={`${panel.addinId}:${locale}`}
            bridge={bridge}
            addinId={panel.addinId}
            title={panelAddin.manifest.displayName}
            url={panel.url}
            width={panelWide ? widePanelWidth() : panelWidth}
            onWidth={(w) => {
              setPanelWide(false);
              setPanelWidth(w);
            }}
            onClose={() => setPanel(undefined)}
          />
        )}
      </div>
      {installed
        .filter((a) => a.manifest.functionFileUrl)
        .map((a) => (
          <AddinFrame key={`${userId}:${a.addinId}:${locale}`} bridge={bridge} addinId={a.addinId} role="commands" src={a.manifest.functionFileUrl as string} title={`${a.manifest.displayName} commands`} hidden />
        ))}
      </div>
      {hostWindow && <AddinWindow key={`${hostWindow.spec.windowId}:${locale}`} bridge={bridge} addinId={hostWindow.addinId} spec={hostWindow.spec} />}
      {form && contactTypes.items && <ContactForm contact={form.contact} contactTypes={contactTypes.items} onSave={saveContact} onCancel={() => setForm(undefined)} />}
      {catalogOpen && <AddinsDialog catalog={catalog} userName={signedIn.name} onInstall={install} onRemove={uninstall} onClose={() => setCatalogOpen(false)} />}
      <Toasts toasts={toasts} onDismiss={(id) => setToasts((t) => t.filter((x) => x.id !== id))} />
    </>
  );
}
