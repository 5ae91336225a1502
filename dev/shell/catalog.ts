/**
 * The add-in catalog the shell offers, and reading an add-in's manifest for the page. The shell
 * page cannot fetch the manifest itself: the add-in server answers only its own origin (see
 * docs/proxy-api.md), so the shell server reads it over loopback and hands it to the page.
 */
import type { CatalogEntry } from './firm-data';

/** The catalog id of the QuickBooks Online add-in. */
export const QBO_ADDIN_ID = 'qbo-sync';

/**
 * How long the shell waits for an add-in server to send its manifest, per attempt. A busy add-in
 * server (a machine under load, a bulk import on the same host) can miss one short wait; a page
 * that then showed no add-in menus until reloaded looked broken, so a second, longer attempt follows.
 */
export const MANIFEST_ATTEMPT_TIMEOUTS_MS: readonly number[] = [5000, 10_000];

/** The catalog entry `npm start` and `dev/shell/main.ts` use: the manifest the add-in server serves. */
export function qboCatalogEntry(addinPublicUrl: string): CatalogEntry {
  return { id: QBO_ADDIN_ID, manifestUrl: `${addinPublicUrl.replace(/\/+$/, '')}/manifest.xml` };
}

export class ManifestUnavailableError extends Error {}

class ManifestRefusedError extends ManifestUnavailableError {}

async function readOnce(entry: CatalogEntry, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(entry.manifestUrl, { signal: AbortSignal.timeout(timeoutMs), headers: { Accept: 'application/xml, text/xml' } });
  } catch (err) {
    throw new ManifestUnavailableError(
      `Could not read the manifest of add-in "${entry.id}" at ${entry.manifestUrl} (${(err as Error).message}). Is the add-in server running? Start everything with npm start.`,
    );
  }
  if (!response.ok) {
    throw new ManifestRefusedError(`The add-in server answered ${response.status} for ${entry.manifestUrl}; the manifest of add-in "${entry.id}" could not be read.`);
  }
  return response.text();
}

export async function fetchManifest(entry: CatalogEntry, attemptTimeoutsMs: readonly number[] = MANIFEST_ATTEMPT_TIMEOUTS_MS): Promise<string> {
  let failure: unknown;
  for (const timeoutMs of attemptTimeoutsMs) {
    try {
      return await readOnce(entry, timeoutMs);
    } catch (err) {
      if (err instanceof ManifestRefusedError) throw err;
      failure = err;
    }
  }
  // No remembered copy is served instead: menus whose frames then cannot load would hide that
  // the add-in server is down, which the error below says plainly.
  throw failure;
}
