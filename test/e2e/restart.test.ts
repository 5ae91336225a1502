/**
 * `npm start` keeps its data: what was written to the shell and the sandbox before Ctrl-C is
 * there after the next start on the same data folder, and `--fresh` starts from demo data again.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SandboxClient } from './support/sandbox-client';
import { ShellApi } from './support/shell-api';
import { startStack, type Stack } from './support/stack';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qbo-restart-'));
let stack: Stack | undefined;

after(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function customerNamed(s: Stack, name: string): Promise<number> {
  const sandbox = await SandboxClient.connect(s.sandboxUrl);
  return sandbox.count('Customer', `DisplayName = '${name}'`);
}

async function contactNamed(s: Stack, name: string): Promise<number> {
  const contacts = await new ShellApi(s.shellUrl).contacts();
  return contacts.filter((c) => c.companyName === name).length;
}

test('data written before a stop is there after a restart, and --fresh resets it', async () => {
  stack = await startStack({ dataDir, fresh: true });
  const sandbox = await SandboxClient.connect(stack.sandboxUrl);
  await sandbox.write('Customer', { DisplayName: 'Restart Check Bakery' });
  const shellApi = new ShellApi(stack.shellUrl);
  const types = await shellApi.contactTypes();
  await shellApi.addContact({ typeId: types[0].id, kind: 'business', companyName: 'Restart Check Bakery', active: true });
  assert.equal(await customerNamed(stack, 'Restart Check Bakery'), 1);
  assert.equal(await contactNamed(stack, 'Restart Check Bakery'), 1);
  await stack.stop();

  stack = await startStack({ dataDir, fresh: false });
  assert.equal(await customerNamed(stack, 'Restart Check Bakery'), 1, 'the sandbox kept the customer');
  assert.equal(await contactNamed(stack, 'Restart Check Bakery'), 1, 'the shell kept the contact');
  await stack.stop();

  stack = await startStack({ dataDir, fresh: true });
  assert.equal(await customerNamed(stack, 'Restart Check Bakery'), 0, '--fresh reset the sandbox');
  assert.equal(await contactNamed(stack, 'Restart Check Bakery'), 0, '--fresh reset the shell');
});
