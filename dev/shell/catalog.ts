/**
 * The add-in catalog the shell offers, and reading an add-in's manifest for the page. The shell
 * page cannot fetch the manifest itself: the add-in server answers only its own origin (see
 * docs/proxy-api.md), so the shell server reads it over loopback and hands it to the page.
 */
import type { CatalogEntry } from './firm-data';

/** The catalog id of the QuickBooks Online add-in. */
export const QBO_ADDIN_ID = 'qbo-sync';

/** How long the shell waits for an add-in server to send its manifest. */
export const MANIFEST_TIMEOUT_MS = 5000;

/** The catalog entry `npm start` and `dev/shell/main.ts` use: the manifest the add-in server serves. */
export function qboCatalogEntry(addinPublicUrl: string): CatalogEntry {
  return { id: QBO_ADDIN_ID, manifestUrl: `${addinPublicUrl.replace(/\/+$/, '')}/manifest.xml` };
}

export class ManifestUnavailableError extends Error {}

export async function fetchManifest(entry: CatalogEntry): Promise<string> {
  let response: Response;
  try {
    response = await fetch(entry.manifestUrl, { signal: AbortSignal.timeout(MANIFEST_TIMEOUT_MS), headers: { Accept: 'application/xml, text/xml' } });
  } catch (err) {
    throw new ManifestUnavailableError(
      `Could not read the manifest of add-in "${entry.id}" at ${entry.manifestUrl} (${(err as Error).message}). Is the add-in server running? Start everything with npm start.`,
    );
  }
  if (!response.ok) {
    throw new ManifestUnavailableError(`The add-in server answered ${response.status} for ${entry.manifestUrl}; the manifest of add-in "${entry.id}" could not be read.`);
  }
  return response.text();
}
