/**
 * The web origins of the add-ins a user has installed: the origin of each manifest's
 * DefaultSettings/SourceLocation, the same origin the page's host bridge trusts. An identity
 * token is issued only for one of these as audience, so no other site can get a token naming the
 * user. Manifests are read from the add-in servers and remembered for a minute.
 */
import { fetchManifest } from './catalog';
import type { CatalogEntry } from './firm-data';

/** How long a manifest's origin is remembered before it is read again. */
export const ORIGIN_CACHE_MS = 60_000;

export class ManifestOriginError extends Error {}

/**
 * The origin of DefaultSettings/SourceLocation's DefaultValue. A regular expression is enough
 * here: the shell only needs that one attribute, and the page parses the full manifest.
 */
export function manifestOrigin(xml: string, addinId: string): string {
  const settings = /<DefaultSettings\b[^>]*>([\s\S]*?)<\/DefaultSettings>/.exec(xml)?.[1] ?? xml;
  const value = /<SourceLocation\b[^>]*\bDefaultValue\s*=\s*"([^"]*)"/.exec(settings)?.[1];
  if (!value) throw new ManifestOriginError(`The manifest of add-in "${addinId}" has no DefaultSettings/SourceLocation, so the shell cannot tell its origin.`);
  try {
    const url = new URL(value.replace(/&amp;/g, '&'));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url.origin;
  } catch {
    throw new ManifestOriginError(`The manifest of add-in "${addinId}" names SourceLocation "${value}", which is not an http(s) URL.`);
  }
}

export class AddinOrigins {
  private readonly cache = new Map<string, { origin: string; until: number }>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** The origin of one catalog add-in (reads its manifest unless remembered). */
  async originOf(entry: CatalogEntry): Promise<string> {
    const cached = this.cache.get(entry.id);
    if (cached && cached.until > this.now()) return cached.origin;
    const origin = manifestOrigin(await fetchManifest(entry), entry.id);
    this.cache.set(entry.id, { origin, until: this.now() + ORIGIN_CACHE_MS });
    return origin;
  }

  /** The catalog id of the installed add-in on `origin`, or undefined when none of them is. */
  async installedAddinAt(origin: string, installed: readonly string[], catalog: readonly CatalogEntry[]): Promise<string | undefined> {
    for (const entry of catalog) {
      if (!installed.includes(entry.id)) continue;
      if ((await this.originOf(entry)) === origin) return entry.id;
    }
    return undefined;
  }
}
