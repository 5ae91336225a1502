/** Schema validation of a manifest with libxml2 (xmllint-wasm): offline, no network. */
import { validateXML } from 'xmllint-wasm';
import type { ManifestDiagnostic } from './diagnostic';
import { ManifestToolError } from './errors';
import type { SchemaSet } from './schema-set';

/** The name xmllint sees; only used to tell its own messages apart. */
const DOC_NAME = 'manifest.xml';

// libxml2 names elements `{namespace-uri}Local`; the URIs drown the message, the local name is enough.
function readable(message: string): string {
  return message
    .replace(/^(element [^:]+: )?Schemas validity error : /, '')
    .replace(/^Schemas parser error : /, 'schema: ')
    .replace(/\{[^}]*\}/g, '')
    .trim();
}

export async function checkAgainstSchema(xml: string, schemas: SchemaSet): Promise<ManifestDiagnostic[]> {
  let result: Awaited<ReturnType<typeof validateXML>>;
  try {
    result = await validateXML({
      xml: [{ fileName: DOC_NAME, contents: xml }],
      schema: [schemas.main],
      preload: schemas.imports,
    });
  } catch (err) {
    throw new ManifestToolError('xmllint_failed', `xmllint could not run: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (result.valid) return [];
  // Parser errors are followed by an excerpt of the offending line and a caret; those carry no location.
  const located = result.errors.filter((e) => e.loc !== null && e.loc.fileName === DOC_NAME);
  if (located.length === 0) {
    return [{ line: 1, message: `schema validation failed: ${result.rawOutput.trim() || 'xmllint gave no reason'}` }];
  }
  return located.map((e) => ({ line: e.loc?.lineNumber ?? 1, message: readable(e.message) }));
}
