/**
 * `npm start` keeps its data: what was written to the shell and the sandbox before Ctrl-C is
 * there after the next start on the same data folder, and `--fresh` starts from demo data again.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, type Stack } from './support/stack';

const US_REALM = '9341450000000001';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qbo-restart-'));
let stack: Stack | undefined;

after(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  assert.ok(res.ok, `${init?.method ?? 'GET'} ${url} answered ${res.status}: ${await res.clone().text()}`);
  return (await res.json()) as T;
}

async function customerNamed(s: Stack, name: string): Promise<number> {
  const { access_token } = await json<{ access_token: string }>(`${s.sandboxUrl}/__sandbox/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ realmId: US_REALM }),
  });
  const q = encodeURIComponent(`select count(*) from Customer where DisplayName = '${name}'`);
  const body = await json<{ QueryResponse: { totalCount: number } }>(`${s.sandboxUrl}/v3/company/${US_REALM}/query?query=${q}`, {
    headers: { Authorization: `Bearer ${access_token}`, Accept: 'application/json' },
  });
  return body.QueryResponse.totalCount;
}

async function contactNamed(s: Stack, name: string): Promise<number> {
  const contacts = await json<Array<{ companyName?: string }>>(`${s.shellUrl}/api/firm/contacts`);
  return contacts.filter((c) => c.companyName === name).length;
}

test('data written before a stop is there after a restart, and --fresh resets it', async () => {
  stack = await startStack({ dataDir, fresh: true });
  const { access_token } = await json<{ access_token: string }>(`${stack.sandboxUrl}/__sandbox/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ realmId: US_REALM }),
  });
  await json(`${stack.sandboxUrl}/v3/company/${US_REALM}/customer`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ DisplayName: 'Restart Check Bakery' }),
  });
  const types = await json<Array<{ id: string }>>(`${stack.shellUrl}/api/firm/contactTypes`);
  await json(`${stack.shellUrl}/api/firm/contacts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ typeId: types[0].id, kind: 'business', companyName: 'Restart Check Bakery', active: true }),
  });
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
