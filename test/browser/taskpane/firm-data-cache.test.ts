/**
 * The frame's one FirmData per company (firm-data-cache.ts) over real IndexedDB and an in-memory
 * firm, and the shared event stream: one open per company however many ask, a failed open tried
 * again, a close during an open leaves nothing open, one stream for many listeners.
 */
import { expect } from 'chai';
import { createFirmDataCache } from '../../../src/sync/connection/firm-data-cache';
import { shareFirmEvents } from '../../../src/sync/connection/shared-firm-events';
import type { FirmEvent, FirmRemote } from '../../../src/sync/replication/firm-remote';
import { openFirmData } from '../../../src/sync/replication/open-firm-data';
import { MemoryFirm } from '../replication/support/memory-firm';
import { cleanUp, freshDbName, REALM } from '../replication/support/replicas';
import { identityHost } from './panel-test-kit';

describe('the frame\'s firm data', () => {
  afterEach(() => cleanUp());

  it('opens one FirmData per company for everyone who asks, as the signed-in user', async () => {
    const firm = new MemoryFirm();
    const host = identityHost({ id: 'u-dana', name: 'Dana Whitfield' });
    let opens = 0;
    const cache = createFirmDataCache({
      host,
      remote: firm.remoteFor(host.user),
      dbName: freshDbName('cache'),
      open: (o) => {
        opens++;
        return openFirmData(o);
      },
    });
    const [a, b] = await Promise.all([cache.open(REALM), cache.open(REALM)]);
    expect(a).to.equal(b);
    expect(opens).to.equal(1);
    expect(cache.peek(REALM)).to.equal(a);
    await a.links.link({ kind: 'contact', otId: 'c1', qboId: '58', origin: 'manual' });
    expect(firm.get(REALM, 'links', 'contact:c1')?.updatedBy).to.deep.equal({ id: 'u-dana', name: 'Dana Whitfield' });
    cache.closeAll();
    expect(cache.peek(REALM)).to.equal(undefined);
  });

  it('tries a failed open again, and closes what an open brings back after closeAll', async () => {
    const firm = new MemoryFirm();
    const host = identityHost();
    let fail = true;
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let closed = 0;
    const cache = createFirmDataCache({
      host,
      remote: firm.remoteFor(host.user),
      dbName: freshDbName('cache2'),
      open: async (o) => {
        if (fail) throw new Error('IndexedDB refused');
        await held;
        const data = await openFirmData(o);
        const close = data.close.bind(data);
        return { ...data, close: () => (closed++, close()) };
      },
    });
    let error: unknown;
    await cache.open(REALM).catch((e: unknown) => (error = e));
    expect(String(error)).to.contain('IndexedDB refused');
    fail = false;
    const late = cache.open(REALM);
    cache.closeAll();
    release();
    let lateError: unknown;
    await late.catch((e: unknown) => (lateError = e));
    expect(String(lateError)).to.contain('closed while it was being opened');
    expect(closed).to.equal(1, 'the database opened after closeAll was closed at once');
  });

  it('shares one event stream among its listeners, opened with the first and closed with the last', () => {
    let opened = 0;
    let closed = 0;
    let emit: (e: FirmEvent) => void = () => undefined;
    const remote: FirmRemote = {
      pull: () => Promise.reject(new Error('not used')),
      push: () => Promise.reject(new Error('not used')),
      adopt: () => Promise.reject(new Error('not used')),
      events(listener) {
        opened++;
        emit = listener;
        return () => void closed++;
      },
    };
    const shared = shareFirmEvents(remote);
    const seenA: string[] = [];
    const seenB: string[] = [];
    const offA = shared.events((e) => seenA.push(e.type));
    const offB = shared.events((e) => seenB.push(e.type));
    expect(opened).to.equal(1);
    emit({ type: 'connection' });
    offA();
    offA();
    emit({ type: 'changes', realmId: REALM, checkpoint: '3' });
    expect(seenA).to.deep.equal(['connection']);
    expect(seenB).to.deep.equal(['connection', 'changes']);
    expect(closed).to.equal(0);
    offB();
    expect(closed).to.equal(1);
    shared.events(() => undefined);
    expect(opened).to.equal(2, 'a new listener opens the stream again');
  });
});
