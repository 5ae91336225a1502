/**
 * The validator itself could not run (its schemas are missing or altered, xmllint failed).
 * Distinct from a manifest defect, which is a ManifestDiagnostic and never thrown.
 */
export class ManifestToolError extends Error {
  constructor(
    readonly code: 'schema_missing' | 'schema_altered' | 'schema_fix_not_applicable' | 'xmllint_failed',
    message: string,
  ) {
    super(message);
    this.name = 'ManifestToolError';
  }
}
