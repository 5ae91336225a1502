/**
 * The Match tab's runs (issue 14, points 2 and 10), rendered with real IndexedDB links and
 * Chromium's real Web Locks: while another staff member runs the same export the tab says who and
 * since when, sends nothing, and shows the result once it ends; an export a reload cut off after
 * QuickBooks created a customer is linked when the tab opens, and the tab says so.
 */
import { expect } from 'chai';
import { deleteDB } from 'idb';
import { act } from 'react';
import { createHistoryRecorder } from '../../../src/sync/history/history-recorder';
import type { HistoryEntry } from '../../../src/sync/history/history-entry';
import type { EntityJournal, EntityJournalEntry } from '../../../src/sync/jobs/entity-journal';
import { contactSpec } from '../../../src/sync/jobs/match-spec';
import { createRunGuard, type BrowserLocks } from '../../../src/sync/jobs/run-guard';
import type { RunLeaseHolder, RunLeaseRemote } from '../../../src/sync/jobs/run-lease-remote';
import { LinkStore } from '../../../src/sync/store/link-store';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import type { IntegrationTabContext } from '../../../src/taskpane/integration-window/integration-tabs';
import { MatchTab } from '../../../src/taskpane/match/match-tab';
import type { MatchTabDeps } from '../../../src/taskpane/match/match-tab-deps';
import { FakeGateway } from '../../node/jobs/fakes';
import { MemoryFirm } from '../replication/support/memory-firm';
import { FirmPanels, FakeProxy, queryButton, render, waitFor, type Rendered } from '../taskpane/panel-test-kit';
import { business, FakeFirmHost } from './fake-firm-host';

const REALM = '9130350';
const LEFT = 'OfficeTools contacts';

function row(name: string): HTMLElement | undefined {
  const list = document.querySelector<HTMLElement>(`[role="listbox"][aria-label="${LEFT}"]`);
  return Array.from(list?.querySelectorAll<HTMLElement>('[role="option"]') ?? []).find((r) => r.firstElementChild?.textContent === name);
}

const message = () => document.querySelector('.ms-MessageBar')?.textContent ?? '';
const status = () => document.querySelector('[role="status"][aria-label="Link counts"]')?.textContent ?? '';

/** The firm's lease as a colleague on another computer holds it (the proxy's rules are tested in test/node/proxy). */
function colleagueHolds(): RunLeaseRemote & { free(): void } {
  let held = true;
  const lease: RunLeaseHolder = { holder: { id: 'u-dana', name: 'Dana Whitfield' }, instance: 'dana-page-1', sameBrowser: false, acquiredAt: new Date(Date.now() - 60_000).toISOString(), expiresAt: new Date(Date.now() + 30_000).toISOString() };
  return {
    free: () => (held = false),
    get: async () => (held ? lease : null),
    take: async (_r, _n, req) => (held ? { held: false, lease } : { held: true, lease: { ...lease, holder: { id: 'u1', name: 'Pat Staff' }, instance: req.instance } }),
    release: async () => undefined,
  };
}

function memoryJournal(entries: EntityJournalEntry[]): EntityJournal & { entries: EntityJournalEntry[] } {
  const j = {
    realmId: REALM,
    entries,
    list: async (kind: string) => j.entries.filter((e) => e.kind === kind),
    put: async (writes: readonly Omit<EntityJournalEntry, 'updatedAt'>[]) => {
      for (const w of writes) {
        j.entries = j.entries.filter((e) => !(e.kind === w.kind && e.sourceId === w.sourceId));
        j.entries.push({ ...w, updatedAt: new Date().toISOString() });
      }
    },
  };
  return j;
}

describe('Match tab runs: one at a time, nothing orphaned', () => {
  let dbName = '';
  let gateway: FakeGateway;
  let host: FakeFirmHost;
  let rendered: Rendered | undefined;
  let firmPanels: FirmPanels;
  let errors: string[];
  let recorded: HistoryEntry[];

  before(() => registerPanelIcons());
  beforeEach(() => {
    dbName = `match-runs-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    firmPanels = new FirmPanels(new MemoryFirm());
    gateway = new FakeGateway();
    host = new FakeFirmHost();
    host.contacts = [business('c1', 'Acme Corp'), business('c2', 'Beta Bakery')];
    errors = [];
    recorded = [];
  });
  afterEach(async () => {
    await rendered?.unmount();
    rendered = undefined;
    await firmPanels.close();
    await deleteDB(dbName);
  });

  async function open(extra: Partial<MatchTabDeps>): Promise<void> {
    const deps: MatchTabDeps = {
      openLinks: async () => LinkStore.open({ realmId: REALM, user: 'Pat Staff', dbName }),
      gateway: () => gateway,
      proposeMatches: async () => ({ proposals: [], undecided: [], stats: { left: 0, right: 0, skippedLinkedLeft: 0, skippedLinkedRight: 0, candidatePairs: 0, vetoedPairs: 0, withheldPairs: 0, proposals: 0, ms: 0 } }),
      history: () => createHistoryRecorder({ sink: { append: async (e) => void recorded.push(e as HistoryEntry) }, user: { id: 'u1', name: 'Pat Staff' } }),
      ...extra,
    };
    const context: IntegrationTabContext = {
      realmId: REALM,
      companyName: 'Test Co',
      host,
      proxy: new FakeProxy(),
      settings: firmPanels.open().settings,
      onSave: () => () => undefined,
      reportError: (action, e) => errors.push(`${action}: ${e instanceof Error ? e.message : String(e)}`),
    };
    rendered = await render(<MatchTab context={context} spec={contactSpec} deps={deps} />);
    await waitFor(() => row('Acme Corp'), 'the rows');
  }

  it("while a colleague exports contacts the tab says who and since when, sends nothing, and shows the result when it ends", async () => {
    const leases = colleagueHolds();
    const guard = createRunGuard({ leases, locks: (navigator as Navigator & { locks: BrowserLocks }).locks, browserId: 'browser-pat', instanceId: 'pat-page-1', pollMs: 40 });
    await open({ runs: () => guard });
    await act(async () => {
      row('Beta Bakery')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    await act(async () => {
      queryButton('Export to QBO')?.click();
    });
    await waitFor(() => message().includes('Dana Whitfield is exporting contacts to QuickBooks Online since'), 'who runs it');
    expect(message()).to.contain('nothing was started here');
    expect(gateway.batches.length).to.equal(0, 'nothing was sent');
    leases.free();
    await waitFor(() => message().includes('has finished; the lists below show its result'), 'the end of the other run', 3000);
    expect(errors).to.deep.equal([]);
  });

  it('opening the tab with nothing unfinished in the journal takes no run lease (a window closed at once leaves none behind)', async () => {
    const taken: string[] = [];
    const leases: RunLeaseRemote = {
      get: async () => null,
      take: async (_r, name, req) => {
        taken.push(name);
        return { held: true, lease: { holder: { id: 'u1', name: 'Pat Staff' }, instance: req.instance, sameBrowser: true, acquiredAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 30_000).toISOString() } };
      },
      release: async () => undefined,
    };
    const guard = createRunGuard({ leases, locks: (navigator as Navigator & { locks: BrowserLocks }).locks, browserId: 'browser-pat', instanceId: 'pat-page-2', pollMs: 40 });
    const journal = memoryJournal([{ kind: 'contactExport', sourceId: 'c9', state: 'linked', requestId: 'r-9', qboId: '9', updatedAt: new Date().toISOString() } as unknown as EntityJournalEntry]);
    await open({ runs: () => guard, entityJournal: async () => journal });
    await waitFor(() => status().startsWith('OfficeTools:'), 'the whole lists');
    await new Promise((r) => setTimeout(r, 200));
    expect(taken).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });

  it('an export cut off after QuickBooks created a customer: opening the tab links it, says so and records it', async () => {
    const created = gateway.add('Customer', { DisplayName: 'Beta Bakery', CompanyName: 'Beta Bakery' });
    const journal = memoryJournal([
      { kind: 'contactExport', sourceId: 'c2', name: 'Beta Bakery', requestId: 'e-1', state: 'created', targetId: String(created.Id), run: { id: 'r1', by: 'Dana Whitfield', at: new Date().toISOString() }, updatedAt: new Date().toISOString() },
    ]);
    await open({ entityJournal: async () => journal });
    await waitFor(() => message().includes('was interrupted before it finished'), 'the resume report');
    expect(message()).to.contain('started by Dana Whitfield');
    expect(message()).to.contain('1 customer created in QuickBooks Online is now linked');
    await waitFor(() => status().includes('2 contacts, 1 linked'), 'the link shows');
    expect(journal.entries.map((e) => e.state)).to.deep.equal(['linked']);
    expect(recorded.map((r) => r.what)).to.deep.equal(['Finished an interrupted export of 1 contact: 1 linked now']);
    expect(gateway.batches.length).to.equal(0, 'nothing sent: QuickBooks already had it');
    expect(errors).to.deep.equal([]);
  });
});
