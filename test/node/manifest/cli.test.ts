import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { edit, lineOf, REAL_MANIFEST, REPO, tempAddinDir } from './manifest-fixture';

function runCli(file: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts', 'validate-manifest.ts'), file], {
    cwd: REPO,
    encoding: 'utf8',
  });
}

describe('npm run validate (scripts/validate-manifest.ts)', () => {
  it('prints the summary and exits 0 for a valid manifest', () => {
    const r = runCli('manifest.xml');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^manifest\.xml: valid/);
    assert.match(r.stdout, /controls: 15 \(3 menus, 12 commands\)/);
    assert.match(r.stdout, /views: +integrations, accountDefaults, /);
  });

  it('prints file:LINE: message per problem and exits 1', () => {
    const { dir, cleanup } = tempAddinDir();
    try {
      const file = path.join(dir, 'manifest.xml');
      const xml = edit(REAL_MANIFEST, 'taskpane.html?view=contactMatch"', 'taskpane.html?view=contacts"');
      writeFileSync(file, xml);
      const r = runCli(file);
      assert.equal(r.status, 1);
      const line = lineOf(xml, '?view=contacts"');
      assert.ok(r.stderr.startsWith(`${file}:${line}: "OT.ContactsSync"`), r.stderr);
      assert.match(r.stderr, /1 problem$/m);
    } finally {
      cleanup();
    }
  });

  it('exits 1 and names a file that does not exist', () => {
    const r = runCli('no-such-manifest.xml');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no-such-manifest\.xml: no such file/);
  });
});
