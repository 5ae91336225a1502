/**
 * `npm run validate`: checks manifest.xml offline against the published Office add-in XSDs
 * (vendored in schemas/) and the product's own rules. Prints `file:LINE: message` per problem
 * and exits 1, or prints a short summary and exits 0. Exit 2 means the validator could not run.
 */
import { existsSync } from 'node:fs';
import { formatDiagnostic } from './manifest-validation/diagnostic';
import { ManifestToolError } from './manifest-validation/errors';
import { formatSummary } from './manifest-validation/summary';
import { PRODUCT_CHECKS, validateManifestFile } from './manifest-validation/validate-manifest';

async function main(): Promise<number> {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: tsx scripts/validate-manifest.ts MANIFEST.xml…');
    return 2;
  }
  let failed = false;
  for (const file of files) {
    if (!existsSync(file)) {
      console.error(`${file}: no such file`);
      failed = true;
      continue;
    }
    const report = await validateManifestFile(file);
    if (report.ok && report.summary) {
      console.log(formatSummary(file, report.summary, PRODUCT_CHECKS.length));
    } else {
      for (const d of report.diagnostics) console.error(formatDiagnostic(file, d));
      console.error(`${file}: ${report.diagnostics.length} problem${report.diagnostics.length === 1 ? '' : 's'}`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ManifestToolError) console.error(`validate-manifest: ${err.message}`);
    else console.error(err);
    process.exit(2);
  },
);
