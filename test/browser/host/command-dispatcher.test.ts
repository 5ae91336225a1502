import { expect } from 'chai';
import { notAvailableText, startCommandDispatcher, type CommandHandlers } from '../../../src/commands/command-dispatcher';
import { COMMAND_HANDLERS } from '../../../src/commands/command-handlers';
import { FakeHost } from '../taskpane/panel-test-kit';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function completions(host: FakeHost): unknown[] {
  return host.calls.filter((c) => c.method === 'command.completed').map((c) => c.params);
}

describe('commands runtime dispatcher', () => {
  it('completes an unknown function with a clear "not available yet" error', async () => {
    const host = new FakeHost();
    startCommandDispatcher(host, COMMAND_HANDLERS);
    // A manifest from a newer version may name a function this runtime does not have.
    await host.emit('executeFunction', { callId: 'c1', functionName: 'syncEverything', context: { invoiceId: 'inv-1' } });
    await delay(10);
    expect(completions(host)).to.deep.equal([{ callId: 'c1', error: notAvailableText('syncEverything') }]);
    expect(notAvailableText('syncEverything')).to.contain('not available in this version');
    expect(Object.keys(COMMAND_HANDLERS)).to.include('exportInvoiceToQbo');
  });

  it('runs the registered handler with its context, then completes without error', async () => {
    const host = new FakeHost();
    const seen: unknown[] = [];
    const handlers: CommandHandlers = {
      doIt: async (context) => {
        await delay(5);
        seen.push(context);
      },
    };
    startCommandDispatcher(host, handlers);
    await host.emit('executeFunction', { callId: 'c2', functionName: 'doIt', context: { contactId: 'k1' } });
    await delay(30);
    expect(seen).to.deep.equal([{ contactId: 'k1' }]);
    expect(completions(host)).to.deep.equal([{ callId: 'c2' }]);
  });

  it('completes with the error when a handler fails, and ignores inherited names', async () => {
    const host = new FakeHost();
    startCommandDispatcher(host, {
      broken: async () => {
        throw new Error('no invoice inv-9');
      },
    });
    await host.emit('executeFunction', { callId: 'c3', functionName: 'broken', context: {} });
    await host.emit('executeFunction', { callId: 'c4', functionName: 'toString', context: {} });
    await delay(20);
    expect(completions(host)).to.deep.equal([
      { callId: 'c3', error: '"broken" did not finish: no invoice inv-9' },
      { callId: 'c4', error: notAvailableText('toString') },
    ]);
  });

  it('stops answering once stopped', async () => {
    const host = new FakeHost();
    const stop = startCommandDispatcher(host, {});
    stop();
    await host.emit('executeFunction', { callId: 'c5', functionName: 'x', context: {} });
    await delay(10);
    expect(completions(host)).to.deep.equal([]);
  });
});
