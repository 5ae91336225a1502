/**
 * JSON over HTTP for tests that read and write the running services from outside the browser:
 * an answer that is not 2xx fails the test with the method, the URL, the status and the body.
 */
import assert from 'node:assert/strict';

async function answered<T>(method: string, url: string, res: Response): Promise<T> {
  assert.ok(res.ok, `${method} ${url} answered ${res.status}: ${await res.clone().text()}`);
  return (await res.json()) as T;
}

export async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  return answered<T>('GET', url, await fetch(url, { headers }));
}

export async function postJson<T = unknown>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return answered<T>('POST', url, res);
}
