/**
 * `npm run -s automatch -- --in FILE`: the evaluation command. Reads
 * {"kind","left":[{"id","name",…}],"right":[…]} and prints exactly
 * {"pairs":[[leftId,rightId,score],…],"undecided":[[leftId,rightId,score,reason],…]} on standard
 * output (`pairs` the confident proposals only; `undecided` the pairs held back for a person), calling the same automatch the panel uses. Unknown fields are ignored;
 * numeric ids are accepted and printed back as given. Errors go to standard error, exit 1.
 */
import { readFileSync } from 'node:fs';
import { automatch } from './automatch';
import { AutomatchInputError } from './automatch-input-error';
import type { MatchEntity, MatchKind } from './types';

const TEXT_FIELDS = ['name', 'email', 'phone', 'accountNumber', 'code', 'companyName', 'firstName', 'middleName', 'lastName', 'suffix', 'city'] as const;

type RawId = string | number;

function readArgs(argv: string[]): string {
  const i = argv.indexOf('--in');
  const file = i >= 0 ? argv[i + 1] : undefined;
  if (!file) throw new AutomatchInputError('usage: npm run -s automatch -- --in FILE   (FILE holds {"kind","left","right"})');
  return file;
}

function entities(list: unknown, side: string, ids: Map<string, RawId>): MatchEntity[] {
  if (!Array.isArray(list)) throw new AutomatchInputError(`"${side}" must be an array of {"id","name",…} objects.`);
  return list.map((raw: unknown, i) => {
    const o = (raw ?? {}) as Record<string, unknown>;
    const id = o.id;
    if (typeof id !== 'string' && typeof id !== 'number') throw new AutomatchInputError(`${side}[${i}] has no "id" (a string or number).`);
    ids.set(String(id), id);
    const e: MatchEntity = { id: String(id), name: '' };
    for (const f of TEXT_FIELDS) {
      const v = o[f];
      if (typeof v === 'string') e[f] = v;
      else if (typeof v === 'number') e[f] = String(v);
    }
    // QBO exports often say "sku"; OfficeTools exports "number".
    if (!e.code && (typeof o.sku === 'string' || typeof o.number === 'string')) e.code = (o.sku ?? o.number) as string;
    return e;
  });
}

function main(): void {
  const file = readArgs(process.argv.slice(2));
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw new AutomatchInputError(`cannot read ${file}: ${(err as Error).message}`);
  }
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new AutomatchInputError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const leftIds = new Map<string, RawId>();
  const rightIds = new Map<string, RawId>();
  const strings = (v: unknown) => new Set(Array.isArray(v) ? v.map(String) : []);
  const result = automatch({
    kind: doc.kind as MatchKind,
    left: entities(doc.left, 'left', leftIds),
    right: entities(doc.right, 'right', rightIds),
    linkedLeftIds: strings(doc.linkedLeftIds),
    linkedRightIds: strings(doc.linkedRightIds),
  });
  const pairs = result.proposals.map((p) => [leftIds.get(p.leftId), rightIds.get(p.rightId), p.score]);
  // Held back for a person to decide: never part of `pairs`.
  const undecided = result.undecided.map((u) => [leftIds.get(u.leftId), rightIds.get(u.rightId), u.score, u.reason]);
  process.stdout.write(`${JSON.stringify({ pairs, undecided })}\n`);
}

try {
  main();
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`automatch: ${message.replace(/^automatch: /, '')}\n`);
  process.exitCode = 1;
}
