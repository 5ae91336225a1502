/** Every resid names a declared resource of the kind its element needs. */
import type { ManifestCheck } from './check-context';
import type { ManifestDiagnostic } from './diagnostic';
import { KIND_NAMES } from './resources';

export const checkResids: ManifestCheck = ({ resources, references }) => {
  const out: ManifestDiagnostic[] = [];
  for (const ref of references) {
    const where = `<${ref.element.qname}>`;
    if (ref.expected === undefined) {
      out.push({ line: ref.line, message: `${where} does not take a resid attribute; remove it` });
      continue;
    }
    const sameId = resources.filter((r) => r.id === ref.resid);
    if (sameId.length === 0) {
      out.push({ line: ref.line, message: `resid "${ref.resid}" on ${where} names no resource; declare it as ${KIND_NAMES[ref.expected]}` });
    } else if (!sameId.some((r) => r.kind === ref.expected)) {
      out.push({
        line: ref.line,
        message: `resid "${ref.resid}" on ${where} names ${KIND_NAMES[sameId[0].kind]} (line ${sameId[0].line}), but ${where} needs ${KIND_NAMES[ref.expected]}`,
      });
    }
  }
  return out;
};
