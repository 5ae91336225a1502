import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ManifestToolError } from '../../../scripts/manifest-validation/errors';
import { DEFAULT_SCHEMAS_DIR, loadSchemaSet } from '../../../scripts/manifest-validation/schema-set';

describe('the vendored schema set', () => {
  it('corrects the three published defects in memory only', () => {
    const set = loadSchemaSet();
    const all = [set.main, ...set.imports];
    for (const f of all) {
      assert.doesNotMatch(f.contents, /https:\/\/www\.w3\.org\/(2001\/XMLSchema|2000\/09\/xmldsig#)"/, f.fileName);
      assert.doesNotMatch(f.contents, /\{0,3\}\?"/, f.fileName);
    }
    const names = all.map((f) => f.fileName).sort();
    assert.ok(names.includes('ContentAppVersionOverridesV1_0.xsd') && names.includes('MailAppVersionOverridesV1_1.xsd'), names.join());
    // The files on disk keep the published bytes, defects included.
    const onDisk = readFileSync(path.join(DEFAULT_SCHEMAS_DIR, 'OfficeAppBasicTypesV1_0.xsd'), 'utf8');
    assert.match(onDisk, /xmlns:xs="https:\/\/www\.w3\.org\/2001\/XMLSchema"/);
    assert.match(onDisk, /\{0,3\}\?"/);
  });

  it('refuses a schema file that is not the published copy', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'manifest-schemas-'));
    try {
      cpSync(DEFAULT_SCHEMAS_DIR, dir, { recursive: true });
      const file = path.join(dir, 'TaskPaneAppVersionOverridesV1_0.xsd');
      writeFileSync(file, readFileSync(file, 'utf8').replace('name="Workbook"', 'name="OfficeTools"'));
      assert.throws(
        () => loadSchemaSet(dir),
        (err: unknown) => err instanceof ManifestToolError && err.code === 'schema_altered' && /TaskPaneAppVersionOverridesV1_0\.xsd differs/.test(err.message),
      );
      rmSync(path.join(dir, 'OfficeAppBasicTypesV1_0.xsd'));
      assert.throws(() => loadSchemaSet(dir), (err: unknown) => err instanceof ManifestToolError && err.code === 'schema_missing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
