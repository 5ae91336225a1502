/** One problem found in a manifest, tied to the line a reader should look at. */
export interface ManifestDiagnostic {
  /** 1-based line in the manifest file. */
  line: number;
  /** What is wrong and what to do about it. */
  message: string;
}

/** The `file:LINE: message` form editors and terminals turn into links. */
export function formatDiagnostic(fileName: string, d: ManifestDiagnostic): string {
  return `${fileName}:${d.line}: ${d.message}`;
}

export function byLine(a: ManifestDiagnostic, b: ManifestDiagnostic): number {
  return a.line - b.line;
}
