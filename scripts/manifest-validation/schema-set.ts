/**
 * The published Office add-in XSDs, vendored byte-exact in schemas/ (see schemas/SOURCE.md),
 * with their three known defects corrected in memory so that libxml2 accepts them.
 *
 * The files stay untouched on disk so that anyone can compare them with the published blobs;
 * a checksum mismatch stops validation, because the corrections below are written against
 * exactly these bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ManifestToolError } from './errors';

export const DEFAULT_SCHEMAS_DIR = path.resolve(__dirname, '..', '..', 'schemas');

/** The entry schema: the one that declares OfficeApp. */
export const MAIN_SCHEMA = 'OfficeAppManifestV1_1.xsd';

/** sha256 of each vendored file, as recorded in schemas/SOURCE.md. */
const VENDORED: Record<string, string> = {
  'OfficeAppManifestV1_1.xsd': 'e09384eae7d5cbc3c4596fe42a47f71d2dff1bcf84ce8bb803632de1b3b14e25',
  'OfficeAppBasicTypesV1_0.xsd': 'e3bd9a8cb810cda2f2aceac186a367f0d59ca6a98d480fa3941debbd2f11f392',
  'TaskPaneAppVersionOverridesV1_0.xsd': 'e51d547366c9edc0be3bfe3f8d31db566fc7507ec22a7059833542e696224ae1',
  'MailAppVersionOverridesV1_0.xsd': '79a38809cda2aee8a109ec493a8ba80f009591d32d5e3319e58abe86f0710b45',
};

/**
 * Imported by the vendored files but never published next to them. Task-pane manifests use
 * neither, so an element declaration that accepts anything is enough to let the imports resolve.
 */
const STUB_NAMESPACES: Record<string, string> = {
  'ContentAppVersionOverridesV1_0.xsd': 'http://schemas.microsoft.com/office/contentappversionoverrides',
  'MailAppVersionOverridesV1_1.xsd': 'http://schemas.microsoft.com/office/mailappversionoverrides/1.1',
};

export interface SchemaFile {
  fileName: string;
  contents: string;
}

export interface SchemaSet {
  main: SchemaFile;
  /** Everything the main schema imports, directly or not. */
  imports: SchemaFile[];
}

function correct(fileName: string, xsd: string): string {
  // Defect 1: a bulk http→https edit turned the XML Schema and xmldsig namespace URIs into
  // different (unknown) namespaces, so no XSD processor sees a schema at all.
  let out = xsd
    .replaceAll('"https://www.w3.org/2001/XMLSchema"', '"http://www.w3.org/2001/XMLSchema"')
    .replaceAll('"https://www.w3.org/2000/09/xmldsig#"', '"http://www.w3.org/2000/09/xmldsig#"');
  // Defect 2: a lazy quantifier `?` after {0,3}, which XSD regular expressions do not have.
  const badVersion = '<xs:pattern value="([0-9]{1,5})(\\.[0-9]{1,5}){0,3}?"/>';
  if (out.includes('name="Version"')) {
    if (!out.includes(badVersion)) {
      throw new ManifestToolError(
        'schema_fix_not_applicable',
        `${fileName}: the Version pattern no longer has the known trailing "?"; the in-memory fix in scripts/manifest-validation/schema-set.ts needs review.`,
      );
    }
    out = out.replace(badVersion, '<xs:pattern value="([0-9]{1,5})(\\.[0-9]{1,5}){0,3}"/>');
  }
  return out;
}

function stub(namespace: string): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${namespace}" elementFormDefault="qualified">`,
    '  <xs:element name="VersionOverrides">',
    '    <xs:complexType>',
    '      <xs:sequence><xs:any minOccurs="0" maxOccurs="unbounded" processContents="skip"/></xs:sequence>',
    '      <xs:anyAttribute processContents="skip"/>',
    '    </xs:complexType>',
    '  </xs:element>',
    '</xs:schema>',
  ].join('\n');
}

/** Reads, checks and corrects the vendored schemas. Throws ManifestToolError if they are missing or altered. */
export function loadSchemaSet(schemasDir: string = DEFAULT_SCHEMAS_DIR): SchemaSet {
  const files: SchemaFile[] = [];
  for (const [fileName, sha256] of Object.entries(VENDORED)) {
    const full = path.join(schemasDir, fileName);
    if (!existsSync(full)) {
      throw new ManifestToolError('schema_missing', `${full} is missing; restore it from schemas/SOURCE.md's source (byte-exact).`);
    }
    const bytes = readFileSync(full);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) {
      throw new ManifestToolError(
        'schema_altered',
        `${full} differs from the published file (sha256 ${actual}, expected ${sha256}); restore the byte-exact copy listed in schemas/SOURCE.md — corrections belong in scripts/manifest-validation/schema-set.ts, not in the file.`,
      );
    }
    files.push({ fileName, contents: correct(fileName, bytes.toString('utf8')) });
  }
  for (const [fileName, namespace] of Object.entries(STUB_NAMESPACES)) files.push({ fileName, contents: stub(namespace) });
  const main = files.find((f) => f.fileName === MAIN_SCHEMA);
  if (!main) throw new ManifestToolError('schema_missing', `${MAIN_SCHEMA} is not in the vendored set.`);
  return { main, imports: files.filter((f) => f !== main) };
}
