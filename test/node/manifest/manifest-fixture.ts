/** Shared helpers for the manifest tests: the real manifest, targeted edits, and throwaway add-in folders. */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const REAL_MANIFEST = readFileSync(path.join(REPO, 'manifest.xml'), 'utf8');

/** Replaces the one occurrence of `from`; fails the test if there is not exactly one, so a stale edit cannot pass silently. */
export function edit(xml: string, from: string, to: string): string {
  const count = xml.split(from).length - 1;
  assert.equal(count, 1, `expected exactly one "${from}" in the manifest, found ${count}`);
  return xml.replace(from, () => to);
}

/** 1-based line of the `nth` (1-based) occurrence of `marker`. */
export function lineOf(xml: string, marker: string, nth = 1): number {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = xml.indexOf(marker, at + 1);
    assert.ok(at >= 0, `"${marker}" occurs fewer than ${nth} times`);
  }
  return xml.slice(0, at).split('\n').length;
}

/** A fresh folder holding a copy of assets/, removed by the returned cleanup. */
export function tempAddinDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'manifest-test-'));
  cpSync(path.join(REPO, 'assets'), path.join(dir, 'assets'), { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
