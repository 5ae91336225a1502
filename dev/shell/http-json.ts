/** Small helpers for a JSON API on node:http: read a bounded body, answer JSON or an error. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InputError } from './input-error';

/** Large enough for any firm-API body; a bigger one is refused rather than buffered. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

/** No firm-API body nests deeper than a few levels; far deeper ones are refused before parsing. */
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest nesting of arrays and objects in JSON text, counted without parsing (brackets in
 * strings do not count). A body nested thousands deep parses fine but overflows the stack of
 * whatever walks it next (validation, structuredClone, JSON.stringify), so it is refused first.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) {
      inString = true;
    } else if (ch === 0x5b || ch === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (ch === 0x5d || ch === 0x7d) {
      depth--;
    }
  }
  return deepest;
}

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new InputError('invalid_input', `The request body nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep; no shell API takes such a body. Send the flat JSON object the route expects.`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError('invalid_input', `The request body is not valid JSON (${(err as Error).message}). Send a JSON object with Content-Type: application/json.`);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, error: string, message: string): void {
  sendJson(res, status, { error, message });
}
