/**
 * Nothing orphaned (issue 14, point 2), against the real QBO sandbox over HTTP and the real
 * proxy's firm records: a Match-tab export journaled at the firm is cut off as a reload would
 * cut it (the page stops: no more answers, journal writes or links), a new page opens over the
 * same firm and resumes, and every QuickBooks record created exists once and is linked.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import axios from 'axios';
import { executeExport } from '../../../src/sync/jobs/execute-export';
import { executeImport } from '../../../src/sync/jobs/execute-import';
import { exportKind, importKind, type EntityJournal } from '../../../src/sync/jobs/entity-journal';
import type { JobGateway, JobHost, JobLinks } from '../../../src/sync/jobs/job-ports';
import { LinkIndex } from '../../../src/sync/jobs/link-index';
import { contactSpec } from '../../../src/sync/jobs/match-spec';
import { planExport } from '../../../src/sync/jobs/plan-export';
import { planImport } from '../../../src/sync/jobs/plan-import';
import { resumeExports, resumeImports } from '../../../src/sync/jobs/resume-entity-runs';
import { IN_FLIGHT_WINDOW_MS } from '../../../src/sync/billing/in-flight';
import { createHttpFirmRemote } from '../../../src/sync/replication/http-firm-remote';
import type { Contact } from '../../../src/sync/host/protocol';
import type { QboCustomer } from '../../../src/sync/qbo/entities';
import { inList } from '../../../src/sync/qbo/query-builder';
import type { HistoryDraft } from '../../../src/sync/history/history-recorder';
import { startBillingSandbox, type BillingSandbox } from '../billing/billing-sandbox';
import { startHarness, type Harness } from '../proxy/support/proxy-harness';
import type { TestUser } from '../proxy/support/test-issuer';
import { FakeHost } from './fakes';
import { FirmMirror, mirrorJournal, mirrorLinks } from './support/proxy-firm';

const dana: TestUser = { firmId: 'firm-resume', firmName: 'Hartwell & Lee', userId: 'u-dana', name: 'Dana Whitfield', role: 'staff' };
const NO_ACCOUNTS = { qboAccountByPurpose: {} };

let sb: BillingSandbox;
let h: Harness;
let admin: ReturnType<typeof axios.create>;
let realmId: string;

before(async () => {
  [sb, h] = await Promise.all([startBillingSandbox(), startHarness()]);
  admin = axios.create({ baseURL: `${sb.server.url}/__sandbox`, validateStatus: () => true });
  realmId = sb.gateway().realmId;
});
after(async () => {
  await Promise.all([sb?.close(), h?.close()]);
});
beforeEach(async () => {
  await sb.clearFaults();
  await admin.post('/holds/release', {});
});

/** A new page: its own view of the firm, knowing nothing until it pulls. */
function page(): FirmMirror {
  return new FirmMirror(createHttpFirmRemote((p, init) => h.api(dana, p, init), { retryBaseMs: 50, retryMaxMs: 200 }), realmId, dana.name);
}

class Reloaded extends Error {
  readonly code = 'reloaded';
}

/** A page that can die: after `kill()` its journal, links and gateway do nothing more. */
function mortal(journal: EntityJournal, links: JobLinks, gateway: JobGateway) {
  let dead = false;
  const check = () => {
    if (dead) throw new Reloaded('The page was reloaded.');
  };
  return {
    kill: () => (dead = true),
    journal: { realmId: journal.realmId, list: async (k: Parameters<EntityJournal['list']>[0]) => (check(), journal.list(k)), put: async (e: Parameters<EntityJournal['put']>[0]) => (check(), journal.put(e)) } as EntityJournal,
    links: { ...links, list: async (k: Parameters<JobLinks['list']>[0]) => (check(), links.list(k)), linkMany: async (i: Parameters<JobLinks['linkMany']>[0]) => (check(), links.linkMany(i)) } as JobLinks,
    gateway: { realmId: gateway.realmId, queryAll: gateway.queryAll.bind(gateway), batch: async (...a: Parameters<JobGateway['batch']>) => (check(), gateway.batch(...a)) } as JobGateway,
  };
}

function contacts(prefix: string, count: number): Contact[] {
  return Array.from({ length: count }, (_, k) => ({
    id: `${prefix}-${k}`,
    typeId: 't1',
    kind: 'business' as const,
    companyName: `${prefix} Client ${k}`,
    displayName: `${prefix} Client ${k}`,
    active: true,
    updatedAt: '2026-12-01T00:00:00Z',
  }));
}

/** How many QBO customers hold each name (all of them, so duplicates show). */
async function customersNamed(names: readonly string[]): Promise<Map<string, QboCustomer[]>> {
  const out = new Map(names.map((n) => [n, [] as QboCustomer[]]));
  for (let i = 0; i < names.length; i += 100) {
    const rows = await sb.gateway().queryAll<QboCustomer>('Customer', `DisplayName IN ${inList(names.slice(i, i + 100))} AND Active IN (true, false)`);
    for (const r of rows) out.get(r.DisplayName ?? '')?.push(r);
  }
  return out;
}

async function waitForHeld(count: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const res = await admin.get<{ held: unknown[] }>('/holds');
    if (res.data.held.length >= count) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail('the sandbox never held the batch');
}

/** Each sent contact exists once in QBO and is linked to it at the firm; the others not at all. */
async function assertOnceAndLinked(list: readonly Contact[], sentCount: number): Promise<void> {
  const byName = await customersNamed(list.map((c) => c.displayName));
  const firm = page();
  const links = new Map((await mirrorLinks(firm).list('contact')).map((l) => [l.otId, l.qboId]));
  list.forEach((c, k) => {
    const found = byName.get(c.displayName) ?? [];
    if (k < sentCount) {
      assert.equal(found.length, 1, `"${c.displayName}" exists once in QuickBooks Online`);
      assert.equal(links.get(c.id), found[0].Id, `"${c.displayName}" is linked to it`);
    } else {
      assert.equal(found.length, 0, `"${c.displayName}" was never sent`);
      assert.equal(links.get(c.id), undefined);
    }
  });
  const qboIds = [...links.values()];
  assert.equal(new Set(qboIds).size, qboIds.length, 'no customer linked twice');
}

describe('a Match-tab export cut off by a reload', () => {
  it('200 contacts, reload while QBO holds batch 3: the next open resends it identically, links every customer once, and says what it did', async () => {
    const list = contacts('Hold', 200);
    const plan = planExport(contactSpec, { selected: list, links: LinkIndex.empty(), qboEntities: [], context: NO_ACCOUNTS });
    assert.equal(plan.batches.length, 7);
    const first = page();
    const p = mortal(mirrorJournal(first), mirrorLinks(first), sb.gateway());
    let calls = 0;
    const gateway: JobGateway = {
      realmId,
      queryAll: p.gateway.queryAll,
      async batch(items, options) {
        if (++calls < 3) return p.gateway.batch(items, options);
        // QBO receives batch 3 and holds it; the page reloads before any answer.
        await sb.injectFault({ operation: 'batch' }, { type: 'hold', seconds: 60 });
        void p.gateway.batch(items, options).catch(() => undefined);
        await waitForHeld(1);
        p.kill();
        throw new Reloaded('The page was reloaded.');
      },
    };
    const cut = await executeExport(contactSpec, plan, { gateway, links: p.links, journal: p.journal, runBy: dana.name });
    assert.equal(cut.created.length, 60, 'two batches were answered and linked before the reload');

    // The journal at the firm: 60 linked, 30 sent in one batch, 110 planned and never sent.
    const states = new Map<string, number>();
    for (const e of await mirrorJournal(page()).list(exportKind('contact'))) states.set(e.state, (states.get(e.state) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(states), { linked: 60, sent: 30, planned: 110 });

    // The next open, on a new page.
    await sb.clearLog();
    const second = page();
    const lines: HistoryDraft[] = [];
    const report = await resumeExports(contactSpec, {
      gateway: sb.gateway(),
      links: mirrorLinks(second),
      journal: mirrorJournal(second),
      ot: list,
      context: NO_ACCOUNTS,
      history: { record: async (d) => void lines.push(d) },
    });
    assert.ok(report);
    assert.equal(report.linked.length, 30, 'the held batch, resent with its requestid, is linked');
    assert.equal(report.notCreated.length, 110);
    assert.equal(report.waiting.length + report.failed.length, 0);
    assert.deepEqual(report.runs.map((r) => r.by), [dana.name]);
    assert.equal(lines.length, 1);
    assert.match(lines[0].what, /^Finished an interrupted export of 140 contacts: 30 linked now, 110 not created/);

    await admin.post('/holds/release', {});
    await new Promise((r) => setTimeout(r, 300));
    const ops = await sb.operations();
    assert.equal(ops.batch, 1, 'the resent batch wrote');
    assert.equal(ops['batch.replay'], 1, 'the held original found its requestid answered and wrote nothing');
    await assertOnceAndLinked(list, 90);

    // Nothing is left to resume, and a second open does nothing.
    assert.equal(await resumeExports(contactSpec, { gateway: sb.gateway(), links: mirrorLinks(page()), journal: mirrorJournal(page()), ot: list, context: NO_ACCOUNTS }), undefined);
  });

  it('a reload after QBO answered but before the link was written: the next open replays the batch and links what QBO created', async () => {
    const list = contacts('Answered', 45);
    const plan = planExport(contactSpec, { selected: list, links: LinkIndex.empty(), qboEntities: [], context: NO_ACCOUNTS });
    const first = page();
    const p = mortal(mirrorJournal(first), mirrorLinks(first), sb.gateway());
    const inner = p.links;
    let linkCalls = 0;
    const links: JobLinks = {
      ...inner,
      async linkMany(inputs) {
        if (++linkCalls === 2) {
          p.kill();
          throw new Reloaded('The page was reloaded.');
        }
        return inner.linkMany(inputs);
      },
    };
    await executeExport(contactSpec, plan, { gateway: p.gateway, links, journal: p.journal, runBy: dana.name });

    await sb.clearLog();
    const second = page();
    const report = await resumeExports(contactSpec, { gateway: sb.gateway(), links: mirrorLinks(second), journal: mirrorJournal(second), ot: list, context: NO_ACCOUNTS });
    assert.ok(report);
    assert.equal(report.linked.length, 15);
    assert.equal((await sb.operations())['batch.replay'], 1, 'QBO replayed its answer: nothing was written twice');
    await assertOnceAndLinked(list, 45);
  });

  it('a batch that cannot be rebuilt (a contact deleted meanwhile) waits until it can no longer commit, then is found by name and linked', async () => {
    const list = contacts('Rebuilt', 5);
    const plan = planExport(contactSpec, { selected: list, links: LinkIndex.empty(), qboEntities: [], context: NO_ACCOUNTS });
    const first = page();
    const p = mortal(mirrorJournal(first), mirrorLinks(first), sb.gateway());
    const gateway: JobGateway = {
      realmId,
      queryAll: p.gateway.queryAll,
      async batch(items, options) {
        await p.gateway.batch(items, options); // QBO commits it…
        p.kill(); // …and the page is gone before it reads the answer.
        throw new Reloaded('The page was reloaded.');
      },
    };
    await executeExport(contactSpec, plan, { gateway, links: p.links, journal: p.journal, runBy: dana.name });

    const remaining = list.slice(1);
    const early = await resumeExports(contactSpec, { gateway: sb.gateway(), links: mirrorLinks(page()), journal: mirrorJournal(page()), ot: remaining, context: NO_ACCOUNTS });
    assert.ok(early);
    assert.equal(early.waiting.length, 5, 'not resent with a partial batch, not looked up while it might still commit');
    assert.equal(early.requests, 0);
    assert.match(early.waiting[0].message, /may still be saved by QuickBooks Online until/);

    const later = Date.now() + IN_FLIGHT_WINDOW_MS + 1000;
    const settled = await resumeExports(contactSpec, { gateway: sb.gateway(), links: mirrorLinks(page()), journal: mirrorJournal(page()), ot: remaining, context: NO_ACCOUNTS, now: () => later });
    assert.ok(settled);
    assert.equal(settled.linked.length, 5, 'found by name and linked');
    await assertOnceAndLinked(list, 5);
  });
});

describe('a Match-tab import cut off by a reload', () => {
  it('the OfficeTools contacts the import created are found by name and linked on the next open', async () => {
    const qbo = await sb.gateway().queryAll<QboCustomer>('Customer', 'Active = true');
    const selected = qbo.slice(0, 6);
    // OfficeTools as the shell is: it names an individual "Last, First" and stamps the change.
    const fake = new FakeHost();
    const made: Contact[] = [];
    const host: JobHost = {
      async request(method, params) {
        const r = (await fake.request(method, params)) as unknown as Contact;
        const named = { ...r, displayName: r.kind === 'individual' ? [r.lastName, r.firstName].filter(Boolean).join(', ') : (r.companyName ?? ''), updatedAt: new Date().toISOString() };
        made.push(named);
        return named as never;
      },
    };
    const plan = planImport(contactSpec, { selected, links: LinkIndex.empty(), context: { contactTypeId: 't1' } });
    const first = page();
    const p = mortal(mirrorJournal(first), mirrorLinks(first), sb.gateway());
    const links: JobLinks = {
      ...p.links,
      async linkMany() {
        p.kill();
        throw new Reloaded('The page was reloaded.');
      },
    };
    const cut = await executeImport(contactSpec, plan, { host, links, journal: p.journal, runBy: dana.name });
    assert.equal(cut.created.length, 6);
    assert.equal(made.length, 6);

    const second = page();
    const report = await resumeImports(contactSpec, { links: mirrorLinks(second), journal: mirrorJournal(second), ot: made });
    assert.ok(report);
    assert.equal(report.linked.length, 6);
    const linked = new Map((await mirrorLinks(page()).list('contact')).map((l) => [l.qboId, l.otId]));
    for (const q of selected) assert.ok(linked.has(q.Id), `QBO customer ${q.Id} is linked`);
    for (const e of await mirrorJournal(page()).list(importKind('contact'))) assert.equal(e.state, 'linked');
  });
});
