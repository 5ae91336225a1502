import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { MANIFEST_XML } from '../../browser/shell/fixtures/manifest-xml';
import { MANIFEST_FILE } from './manifest-fixture';

test('the browser tests\' manifest copy equals manifest.xml', () => {
  assert.ok(existsSync(MANIFEST_FILE), `${MANIFEST_FILE} is missing; the shell's menu tests need the real manifest.`);
  assert.ok(
    MANIFEST_XML === readFileSync(MANIFEST_FILE, 'utf8'),
    'test/browser/shell/fixtures/manifest-xml.ts differs from manifest.xml; refresh it with: npx tsx test/node/shell/manifest-fixture.ts',
  );
});
