/**
 * Which parent windows the add-in may talk to. The proxy writes the OfficeTools shell's origin
 * into every add-in page as `<meta name="officetools-host-origins" content="origin origin…">`
 * (docs/proxy-api.md); nothing else is trusted, and never the wildcard.
 */
export const HOST_ORIGINS_META = 'officetools-host-origins';

/** `https://a.b:1` for a valid http(s) origin; undefined for anything else ('*', 'null', paths, junk). */
function normaliseOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // An origin has no path, query or credentials; anything more is a configuration mistake.
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return undefined;
  return url.origin;
}

/**
 * The host origins this page trusts. When the browser reports the real parent origin
 * (`location.ancestorOrigins`, Chromium), the answer narrows to that one origin if it is trusted,
 * and to none if it is not: a page framed by a stranger must not talk to it at all.
 */
export function readTrustedHostOrigins(doc: Document): string[] {
  const meta = doc.querySelector<HTMLMetaElement>(`meta[name="${HOST_ORIGINS_META}"]`);
  const declared = (meta?.content ?? '')
    .split(/\s+/)
    .filter((s) => s.length > 0)
    .map(normaliseOrigin)
    .filter((s): s is string => s !== undefined);
  const unique = [...new Set(declared)];
  const ancestors = doc.defaultView?.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) {
    const parent = ancestors[0];
    return unique.includes(parent) ? [parent] : [];
  }
  return unique;
}
