/**
 * Offline validation of an Office task-pane add-in manifest: first against the published XSDs,
 * then the checks a schema cannot express (resids, unique ids, icons on disk, HTTPS, the
 * FunctionFile, panel views). The product checks run only on a schema-valid document, since
 * they rely on its shape.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkFunctionFile } from './check-function-file';
import { checkIcons } from './check-icons';
import { checkIds } from './check-ids';
import { checkPanelViews } from './check-panel-views';
import { checkResids } from './check-resids';
import { checkUrls } from './check-urls';
import type { CheckContext, ManifestCheck } from './check-context';
import { collectFormFactors } from './commands';
import { byLine, type ManifestDiagnostic } from './diagnostic';
import { NS } from './namespaces';
import { collectReferences, collectResources } from './resources';
import { loadSchemaSet, type SchemaSet } from './schema-set';
import { summarize, type ManifestSummary } from './summary';
import { checkAgainstSchema } from './xsd-check';
import { attr, child, parseXml, XmlReadError } from './xml-tree';

export const PRODUCT_CHECKS: readonly ManifestCheck[] = [checkResids, checkIds, checkIcons, checkUrls, checkFunctionFile, checkPanelViews];

export interface ValidateOptions {
  /** Folder the add-in's URL paths map into (icons at /assets/x.png → <baseDir>/assets/x.png). */
  baseDir: string;
  /** Vendored XSDs; defaults to the repo's schemas/. Loaded once per call unless given. */
  schemas?: SchemaSet;
}

export interface ManifestReport {
  ok: boolean;
  /** Sorted by line. Empty when ok. */
  diagnostics: ManifestDiagnostic[];
  /** Present when ok. */
  summary?: ManifestSummary;
}

function originOf(root: ReturnType<typeof parseXml>): string | undefined {
  const settings = child(root, NS.app, 'DefaultSettings');
  const source = settings && child(settings, NS.app, 'SourceLocation');
  const value = source && attr(source, 'DefaultValue')?.value;
  if (!value) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

export async function validateManifest(xml: string, options: ValidateOptions): Promise<ManifestReport> {
  const schemas = options.schemas ?? loadSchemaSet();
  const schemaDiagnostics = await checkAgainstSchema(xml, schemas);
  if (schemaDiagnostics.length) return { ok: false, diagnostics: schemaDiagnostics.sort(byLine) };

  let root;
  try {
    root = parseXml(xml);
  } catch (err) {
    if (err instanceof XmlReadError) return { ok: false, diagnostics: [{ line: err.line, message: err.message }] };
    throw err;
  }
  const ctx: CheckContext = {
    root,
    resources: collectResources(root),
    references: collectReferences(root),
    formFactors: collectFormFactors(root),
    baseDir: options.baseDir,
    addinOrigin: originOf(root),
  };
  const diagnostics = PRODUCT_CHECKS.flatMap((check) => check(ctx)).sort(byLine);
  if (diagnostics.length) return { ok: false, diagnostics };
  return { ok: true, diagnostics: [], summary: summarize(ctx.formFactors, ctx.resources) };
}

/** Validates a manifest file; its folder is the base for the add-in's files. */
export async function validateManifestFile(file: string, schemas?: SchemaSet): Promise<ManifestReport> {
  const xml = readFileSync(file, 'utf8');
  return validateManifest(xml, { baseDir: path.dirname(path.resolve(file)), schemas });
}
