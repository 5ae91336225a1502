import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { iconPng } from '../../../scripts/make-icons';
import { loadSchemaSet, type SchemaSet } from '../../../scripts/manifest-validation/schema-set';
import { validateManifest, type ManifestReport } from '../../../scripts/manifest-validation/validate-manifest';
import { PANEL_VIEWS } from '../../../src/sync/host/protocol';
import { edit, lineOf, REAL_MANIFEST, REPO, tempAddinDir } from './manifest-fixture';

let schemas: SchemaSet;
before(() => {
  schemas = loadSchemaSet();
});

const validate = (xml: string, baseDir = REPO): Promise<ManifestReport> => validateManifest(xml, { baseDir, schemas });

/** The manifest must fail with exactly one problem, on `line`, whose message matches `pattern`. */
async function expectOneProblem(xml: string, line: number, pattern: RegExp, baseDir = REPO): Promise<void> {
  const report = await validate(xml, baseDir);
  assert.equal(report.ok, false, 'the broken manifest was accepted');
  assert.deepEqual(
    report.diagnostics.map((d) => d.line),
    [line],
    `expected one problem on line ${line}, got: ${JSON.stringify(report.diagnostics)}`,
  );
  assert.match(report.diagnostics[0].message, pattern);
}

describe('the real manifest', () => {
  it('passes every check and declares the agreed commands', async () => {
    const report = await validate(REAL_MANIFEST);
    assert.deepEqual(report.diagnostics, []);
    assert.equal(report.ok, true);
    assert.deepEqual([...(report.summary?.views ?? [])].sort(), [...PANEL_VIEWS].sort(), 'every panel view is reachable from a menu');
    assert.deepEqual(report.summary, {
      controls: 15,
      menus: 3,
      // Every panel view has a command, in menu order (Sync History sits before Time & Billing).
      views: ['integrations', 'accountDefaults', 'contactMatch', 'employeeMatch', 'workCodeMatch', 'expenseCodeMatch', 'history', 'exportInvoices', 'importPayments', 'exportPayments', 'reconcile'],
      functions: ['exportInvoiceToQbo'],
    });
  });

  it('stays valid when the proxy rewrites its origin to 127.0.0.1 or an https host', async () => {
    for (const origin of ['http://127.0.0.1:3001', 'https://qbo-sync.example.com']) {
      const report = await validate(REAL_MANIFEST.replaceAll('http://localhost:3001', origin));
      assert.deepEqual(report.diagnostics, [], origin);
    }
  });
});

describe('schema defects are reported with their line', () => {
  it('a Version the schema pattern refuses', async () => {
    const xml = edit(REAL_MANIFEST, '<Version>1.0.0.0</Version>', '<Version>1.0.0.0.1</Version>');
    await expectOneProblem(xml, lineOf(xml, '<Version>'), /Element 'Version'.*pattern/);
  });

  it('a VersionOverrides Host type the schema does not know', async () => {
    const xml = edit(REAL_MANIFEST, '<Host xsi:type="Workbook">', '<Host xsi:type="OfficeTools">');
    const report = await validate(xml);
    assert.equal(report.ok, false);
    const line = lineOf(xml, '<Host xsi:type="OfficeTools">');
    assert.ok(report.diagnostics.length > 0 && report.diagnostics.every((d) => d.line === line), JSON.stringify(report.diagnostics));
    assert.match(report.diagnostics[0].message, /OfficeTools' of the xsi:type attribute does not resolve to a type definition/);
  });

  it('XML that is not well-formed', async () => {
    const xml = edit(REAL_MANIFEST, '<Label resid="Setup.Label"/>', '<Label resid="Setup.Label">');
    const report = await validate(xml);
    assert.equal(report.ok, false);
    assert.equal(report.diagnostics[0].line, lineOf(xml, '</CustomTab>'));
    assert.match(report.diagnostics[0].message, /parser error.*mismatch/);
  });
});

describe('product checks beyond the schema', () => {
  it('a resid that names no resource', async () => {
    const xml = edit(REAL_MANIFEST, '<Label resid="ContactsSync.Label"/>', '<Label resid="ContactsSync.Lbl"/>');
    await expectOneProblem(xml, lineOf(xml, 'ContactsSync.Lbl'), /resid "ContactsSync\.Lbl" on <Label> names no resource; declare it as a short string/);
  });

  it('a resid that names a resource of the wrong kind', async () => {
    const xml = edit(REAL_MANIFEST, '<Title resid="AccountDetails.Label"/>', '<Title resid="AccountDetails.Tip"/>');
    await expectOneProblem(xml, lineOf(xml, '<Title resid="AccountDetails.Tip"/>'), /names a long string .* but <Title> needs a short string/);
  });

  it('two controls with the same id', async () => {
    const xml = edit(REAL_MANIFEST, '<Item id="OT.ImportPayments">', '<Item id="OT.ExportInvoices">');
    const first = lineOf(xml, 'id="OT.ExportInvoices"', 1);
    await expectOneProblem(xml, lineOf(xml, 'id="OT.ExportInvoices"', 2), new RegExp(`id "OT\\.ExportInvoices" on <Item> is already used on line ${first}`));
  });

  it('two resources with the same id', async () => {
    const url = '<bt:Url id="Commands.Url" DefaultValue="http://localhost:3001/commands.html"/>';
    const xml = edit(REAL_MANIFEST, url, `${url}\n        ${url}`);
    const first = lineOf(xml, url, 1);
    await expectOneProblem(xml, first + 1, new RegExp(`resource id "Commands\\.Url" is already declared on line ${first}`));
  });

  it('an icon file that is missing', async () => {
    const { dir, cleanup } = tempAddinDir();
    try {
      rmSync(path.join(dir, 'assets', 'icon-16.png'));
      await expectOneProblem(REAL_MANIFEST, lineOf(REAL_MANIFEST, 'resid="Icon.16x16"'), /assets\/icon-16\.png does not exist/, dir);
    } finally {
      cleanup();
    }
  });

  it('an icon whose pixels do not match its declared size', async () => {
    const { dir, cleanup } = tempAddinDir();
    try {
      writeFileSync(path.join(dir, 'assets', 'icon-80.png'), iconPng(64));
      await expectOneProblem(REAL_MANIFEST, lineOf(REAL_MANIFEST, 'resid="Icon.80x80"'), /assets\/icon-80\.png is 64×64 px, but must be 80×80 px/, dir);
    } finally {
      cleanup();
    }
  });

  it('an icon that is not a PNG', async () => {
    const { dir, cleanup } = tempAddinDir();
    try {
      writeFileSync(path.join(dir, 'assets', 'icon-32.png'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
      // IconUrl and every 32 px control icon point at it: one file, one problem, at its first use.
      await expectOneProblem(REAL_MANIFEST, lineOf(REAL_MANIFEST, '<IconUrl'), /IconUrl: assets\/icon-32\.png is not a PNG file/, dir);
    } finally {
      cleanup();
    }
  });

  it('a plain-http URL on a public host', async () => {
    const xml = edit(REAL_MANIFEST, '"http://localhost:3001/commands.html"', '"http://qbo-sync.example.com/commands.html"');
    await expectOneProblem(xml, lineOf(xml, 'qbo-sync.example.com'), /must use https \(plain http is allowed only on localhost and 127\.0\.0\.1\)/);
  });

  it('a function command without a FunctionFile', async () => {
    const xml = edit(REAL_MANIFEST, '<FunctionFile resid="Commands.Url"/>', '');
    await expectOneProblem(xml, lineOf(xml, '<Action xsi:type="ExecuteFunction">'), /"OT\.ExportInvoiceNow" runs the function "exportInvoiceToQbo", but <DesktopFormFactor> has no <FunctionFile>/);
  });

  it('a panel URL whose view the panel does not have', async () => {
    const xml = edit(REAL_MANIFEST, 'taskpane.html?view=exportPayments"', 'taskpane.html?view=exportPayment"');
    await expectOneProblem(xml, lineOf(xml, '?view=exportPayment"'), /"OT\.ExportPayments" .* view "exportPayment", which the panel does not have/);
  });

  it('a panel URL without a view', async () => {
    const xml = edit(REAL_MANIFEST, 'taskpane.html?view=importPayments"', 'taskpane.html"');
    await expectOneProblem(xml, lineOf(xml, '<bt:Url id="Panel.importPayments.Url"'), /"OT\.ImportPayments" .* without \?view=/);
  });
});
