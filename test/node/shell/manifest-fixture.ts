/**
 * The browser tests read manifest.xml through a TypeScript copy (karma serves no other files and
 * no raw loader is configured). This keeps that copy in step with the real file:
 *   npx tsx test/node/shell/manifest-fixture.ts      rewrites the copy from manifest.xml
 * and manifest-fixture.test.ts fails whenever they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const MANIFEST_FILE = path.join(ROOT, 'manifest.xml');
export const FIXTURE_FILE = path.join(ROOT, 'test/browser/shell/fixtures/manifest-xml.ts');

export function fixtureSource(xml: string): string {
  const escaped = xml.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  return `// A copy of manifest.xml for the browser tests; regenerate with: npx tsx test/node/shell/manifest-fixture.ts\nexport const MANIFEST_XML = \`${escaped}\`;\n`;
}

if (require.main === module) {
  writeFileSync(FIXTURE_FILE, fixtureSource(readFileSync(MANIFEST_FILE, 'utf8')));
  console.log(`Wrote ${path.relative(ROOT, FIXTURE_FILE)} from manifest.xml.`);
}
