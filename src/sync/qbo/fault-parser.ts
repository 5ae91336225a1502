/**
 * Reads a QBO failure out of whatever came back. QBO answers faults in several shapes even
 * when asked for JSON (QBO-FACTS §4, §8): `{"Fault":{"Error":[…]}}`, the API gateway's
 * lower-case `{"fault":{"error":[…]}}` for 401/403/429, XML `<Fault type=…><Error code=…>`,
 * and the proxy adds its own `{"error":"<code>","message":…}`. This file only parses: it
 * does no I/O and runs in Node and the browser alike (no DOMParser).
 */
import type { QboFaultEntry, QboFaultError } from './errors';
import { createQboError, createQboErrorOfKind } from './errors';

export interface ParsedFault {
  faultType?: string;
  errors: QboFaultEntry[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}

function entriesFrom(list: unknown, keys: { message: string; detail: string; code: string; element: string }): QboFaultEntry[] {
  const items = Array.isArray(list) ? list : isObject(list) ? [list] : [];
  return items.filter(isObject).map((e) => {
    const element = str(e[keys.element]);
    return {
      code: str(e[keys.code]),
      message: str(e[keys.message]),
      detail: str(e[keys.detail]),
      ...(element ? { element } : {}),
    };
  });
}

/** The Fault inside a parsed JSON value (a whole body, or one batch item), if there is one. */
export function faultFromJson(value: unknown): ParsedFault | undefined {
  if (!isObject(value)) return undefined;
  const upper = value.Fault;
  if (isObject(upper)) {
    return {
      faultType: str(upper.type) || undefined,
      errors: entriesFrom(upper.Error, { message: 'Message', detail: 'Detail', code: 'code', element: 'element' }),
    };
  }
  const lower = value.fault;
  if (isObject(lower)) {
    return {
      faultType: str(lower.type) || undefined,
      errors: entriesFrom(lower.error, { message: 'message', detail: 'detail', code: 'code', element: 'element' }),
    };
  }
  // The proxy's own errors (docs/proxy-api.md): {"error":"not_connected","message":"…"}.
  if (typeof value.error === 'string' && typeof value.message === 'string') {
    return { faultType: 'PROXY', errors: [{ code: value.error, message: value.error, detail: value.message }] };
  }
  return undefined;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
      if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return XML_ENTITIES[name] ?? whole;
    })
    .trim();
}

function xmlAttr(attrs: string, name: string): string {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? decodeXml(m[2] ?? m[3] ?? '') : '';
}

function xmlChild(inner: string, name: string): string {
  const m = new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:\\w+:)?${name}>`).exec(inner);
  return m ? decodeXml(m[1]) : '';
}

/** The Fault inside an XML body (`<IntuitResponse><Fault type="…"><Error code="…">…`). */
export function faultFromXml(text: string): ParsedFault | undefined {
  const fault = /<(?:\w+:)?Fault\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?Fault>/.exec(text);
  if (!fault) return undefined;
  const errors: QboFaultEntry[] = [];
  const errorRe = /<(?:\w+:)?Error\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?Error>/g;
  for (let m = errorRe.exec(fault[2]); m; m = errorRe.exec(fault[2])) {
    const element = xmlAttr(m[1], 'element');
    errors.push({
      code: xmlAttr(m[1], 'code'),
      message: xmlChild(m[2], 'Message'),
      detail: xmlChild(m[2], 'Detail'),
      ...(element ? { element } : {}),
    });
  }
  return { faultType: xmlAttr(fault[1], 'type') || undefined, errors };
}

/** Parses a raw body as JSON, returning undefined when it is not JSON. */
export function parseJsonBody(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

/** The fault in a raw body of any shape, if it carries one. */
export function parseFault(body: string): ParsedFault | undefined {
  const json = parseJsonBody(body);
  if (json !== undefined) return faultFromJson(json);
  if (body.trim().startsWith('<')) return faultFromXml(body);
  return undefined;
}

export interface FailedResponse {
  status: number;
  body: string;
  intuitTid?: string;
  retryAfterMs?: number;
}

/**
 * The typed error for a failed answer. A body without a readable fault (an nginx 502 page, an
 * empty 503) still yields an error of the right kind, coded `http_<status>`.
 */
export function errorFromResponse(res: FailedResponse): QboFaultError {
  const parsed = parseFault(res.body);
  if (parsed && parsed.errors.length > 0) {
    return createQboError({ errors: parsed.errors, faultType: parsed.faultType, status: res.status, intuitTid: res.intuitTid, retryAfterMs: res.retryAfterMs });
  }
  const init = {
    errors: [{ code: `http_${res.status}`, message: `HTTP ${res.status}`, detail: snippet(res.body) }],
    status: res.status,
    intuitTid: res.intuitTid,
    retryAfterMs: res.retryAfterMs,
  };
  // A 2xx or 4xx whose body cannot be read says nothing about the data sent: it is an unreadable
  // answer, not a validation fault (5xx, 401, 403 and 429 keep their own kinds).
  if (res.status < 500 && ![401, 403, 429].includes(res.status)) return createQboErrorOfKind('badResponse', init);
  return createQboError(init);
}

/**
 * A few words of an unreadable body for the message: an HTML page's title (or first heading),
 * never raw JSON or markup, and never more than 120 characters.
 */
function snippet(body: string): string {
  const trimmed = body.trim();
  if (trimmed === '') return 'an empty answer';
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return `an incomplete or unexpected JSON answer (${trimmed.length} characters)`;
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(trimmed)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(trimmed)?.[1];
  const text = (title ?? trimmed).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  if (text === '') return 'an answer without text';
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
