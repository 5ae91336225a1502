import { expect } from 'chai';
import type { HostMethod, HostParams, HostResult } from '../../../src/sync/host/protocol';
import { openSignInWindow, parseSignInResult } from '../../../src/taskpane/integrations/sign-in-window';
import { FakeHost } from './panel-test-kit';

const AUTHORIZED = { status: 'authorized', completion: 'c-1', flowId: 'flow-1', realmId: '1', companyName: 'A', country: 'US' } as const;

/** A host whose dialog window answers before `ui.openDialog` itself has returned. */
class FastDialogHost extends FakeHost {
  override request<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    if (method === 'ui.openDialog') {
      this.emitNow('dialogMessage', { dialogId: 'other', message: { status: 'denied' } });
      this.emitNow('dialogMessage', { dialogId: 'd1', message: { ...AUTHORIZED, flowId: 'flow-x' } });
      this.emitNow('dialogMessage', { dialogId: 'd1', message: AUTHORIZED });
    }
    return super.request(method, params);
  }
}

describe('sign-in window', () => {
  it('keeps an answer that arrives before the window id is known, only for that window and its flow', async () => {
    const host = new FastDialogHost();
    const win = await openSignInWindow(host, 'http://addin.test/auth/start?t=1', 'flow-1');
    expect(await win.outcome).to.deep.equal({ kind: 'result', result: AUTHORIZED });
    expect(host.listeners('dialogMessage')).to.equal(0);
    expect(host.listeners('dialogClosed')).to.equal(0);
  });

  it('cancel ends the wait and asks the host to close the window', async () => {
    const host = new FakeHost();
    const win = await openSignInWindow(host, 'http://addin.test/x', 'flow-1');
    win.cancel();
    expect(await win.outcome).to.deep.equal({ kind: 'cancelled' });
    await new Promise((r) => setTimeout(r, 10));
    expect(host.calls.find((c) => c.method === 'ui.closeDialog')?.params).to.deep.equal({ dialogId: 'd1' });
  });

  it('reads the proxy callback page results and nothing else', () => {
    expect(parseSignInResult({ status: 'denied' })).to.deep.equal({ status: 'denied' });
    expect(parseSignInResult({ status: 'error', message: 'Bad state.' })).to.deep.equal({ status: 'error', message: 'Bad state.' });
    expect(parseSignInResult({ status: 'weird' })).to.equal(undefined);
    expect(parseSignInResult({ ...AUTHORIZED })).to.deep.equal(AUTHORIZED);
    expect(parseSignInResult({ ...AUTHORIZED, completion: '' })).to.equal(undefined, 'an authorization without its completion cannot be acted on');
    expect(parseSignInResult({ status: 'connected', realmId: '1', companyName: 'A', country: 'US' })).to.equal(undefined, 'the old answer no longer connects anything');
    expect(parseSignInResult('connected')).to.equal(undefined);
  });
});
