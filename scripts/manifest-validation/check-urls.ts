/** Every URL is absolute and HTTPS, except on the developer's own machine (localhost, 127.0.0.1, [::1]). */
import type { ManifestCheck } from './check-context';
import type { ManifestDiagnostic } from './diagnostic';
import { NS } from './namespaces';
import { attr, descendants, type XmlElement } from './xml-tree';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Base-manifest elements whose DefaultValue (and Override Value) is a URL. */
const APP_URL_ELEMENTS = new Set(['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation']);
/** Resource collections whose entries are URLs. */
const BT_URL_COLLECTIONS = new Set(['Images', 'Urls']);

export function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not an absolute URL`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return undefined;
  if (url.protocol === 'http:') return `"${value}" must use https (plain http is allowed only on localhost and 127.0.0.1)`;
  return `"${value}" must be an https URL, not ${url.protocol}`;
}

function urlValues(el: XmlElement): Array<{ value: string; line: number }> {
  const own = attr(el, 'DefaultValue');
  const overrides = el.children
    .filter((c) => c.local === 'Override')
    .map((c) => attr(c, 'Value'))
    .filter((a) => a !== undefined);
  return [own, ...overrides].filter((a) => a !== undefined).map((a) => ({ value: a.value, line: a.line }));
}

export const checkUrls: ManifestCheck = ({ root }) => {
  const out: ManifestDiagnostic[] = [];
  for (const el of descendants(root)) {
    let values: Array<{ value: string; line: number }> = [];
    if (el.ns === NS.app && APP_URL_ELEMENTS.has(el.local)) values = urlValues(el);
    else if (el.ns === NS.app && el.local === 'AppDomain') values = [{ value: el.text.trim(), line: el.line }];
    else if (el.ns === NS.bt && el.parent && el.parent.ns === NS.bt && BT_URL_COLLECTIONS.has(el.parent.local)) values = urlValues(el);
    for (const { value, line } of values) {
      const problem = urlProblem(value);
      if (problem) out.push({ line, message: problem });
    }
  }
  return out;
};
