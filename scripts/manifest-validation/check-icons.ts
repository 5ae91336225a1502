/**
 * Icons exist on disk in the sizes the manifest declares. The add-in's own URLs map to files
 * under the base folder (the proxy serves /assets/* from assets/), so this runs offline.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckContext, ManifestCheck } from './check-context';
import type { ManifestDiagnostic } from './diagnostic';
import { NS } from './namespaces';
import { PngReadError, readPngSize } from './png-size';
import { resolve } from './resources';
import { attr, child } from './xml-tree';

type SizeRule = { exact: number } | { squareAtLeast: number };

function describe(rule: SizeRule): string {
  return 'exact' in rule ? `${rule.exact}×${rule.exact} px` : `square and at least ${rule.squareAtLeast}×${rule.squareAtLeast} px`;
}

function fits(rule: SizeRule, width: number, height: number): boolean {
  return 'exact' in rule ? width === rule.exact && height === rule.exact : width === height && width >= rule.squareAtLeast;
}

function checkIcon(ctx: CheckContext, url: string, line: number, rule: SizeRule, what: string): ManifestDiagnostic | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { line, message: `${what}: "${url}" is not an absolute URL` };
  }
  if (ctx.addinOrigin === undefined || parsed.origin !== ctx.addinOrigin) {
    return {
      line,
      message: `${what}: "${url}" is not on the add-in's origin (${ctx.addinOrigin ?? 'unknown: DefaultSettings/SourceLocation is missing'}), so it cannot be checked offline; serve icons from the add-in's /assets/`,
    };
  }
  const rel = decodeURIComponent(parsed.pathname).replace(/^\/+/, '');
  const file = path.resolve(ctx.baseDir, rel);
  if (!file.startsWith(path.resolve(ctx.baseDir) + path.sep)) {
    return { line, message: `${what}: "${url}" points outside the add-in's folder` };
  }
  if (!existsSync(file)) {
    return { line, message: `${what}: ${rel} does not exist (the proxy serves ${parsed.pathname} from that file); add it or fix the URL` };
  }
  let size: { width: number; height: number };
  try {
    size = readPngSize(readFileSync(file));
  } catch (err) {
    if (err instanceof PngReadError) return { line, message: `${what}: ${rel} is ${err.message}; icons must be PNG` };
    throw err;
  }
  if (!fits(rule, size.width, size.height)) {
    return { line, message: `${what}: ${rel} is ${size.width}×${size.height} px, but must be ${describe(rule)}` };
  }
  return undefined;
}

export const checkIcons: ManifestCheck = (ctx) => {
  const out: ManifestDiagnostic[] = [];
  // The same icon is referenced by every control; a missing or wrong file is reported once, at its first use.
  const seen = new Set<string>();
  const check = (url: string, line: number, rule: SizeRule, what: string) => {
    const key = `${url} ${describe(rule)}`;
    if (seen.has(key)) return;
    seen.add(key);
    const d = checkIcon(ctx, url, line, rule, what);
    if (d) out.push(d);
  };

  // Office shows IconUrl at 32 px and HighResolutionIconUrl on high-DPI screens (64 px or more).
  const topLevel: Array<[string, SizeRule]> = [
    ['IconUrl', { exact: 32 }],
    ['HighResolutionIconUrl', { squareAtLeast: 64 }],
  ];
  for (const [name, rule] of topLevel) {
    const el = child(ctx.root, NS.app, name);
    const value = el && attr(el, 'DefaultValue');
    if (value) check(value.value, value.line, rule, name);
  }

  for (const ref of ctx.references) {
    if (ref.expected !== 'image') continue;
    const resource = resolve(ctx.resources, ref.resid, 'image');
    if (!resource) continue; // reported by the resid check
    const sizeAttr = attr(ref.element, 'size');
    const size = sizeAttr ? Number(sizeAttr.value) : NaN;
    if (!Number.isInteger(size) || size <= 0) continue; // reported by the schema
    check(resource.value, ref.line, { exact: size }, `icon "${ref.resid}" at size="${size}"`);
  }
  return out;
};
