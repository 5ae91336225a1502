/**
 * Scores one candidate pair, or says why the two are different entities. Scores combine a
 * rarity-weighted word similarity with Jaro-Winkler on the whole normalised name, minus a
 * fixed cost per typo, plus or minus secondary evidence (email, phone, account, code).
 */
import { alignTokens, typoAllowance, typoEdits, type Alignment } from './align-tokens';
import { GIVEN_NAMES } from './given-names';
import type { PersonName } from './person-name';
import type { NameForm, Profile } from './profile';
import { editDistance, jaroWinkler } from './string-similarity';
import type { MatchKind } from './types';
import { COMMON_WORDS, GENERATIONAL } from './vocabulary';

export interface PairScore {
  score: number;
  reasons: string[];
}
export interface PairVeto {
  veto: string;
  /**
   * Set on the rules a person may overrule (another middle initial, a generational suffix on one
   * side only, another city or branch): how alike the names are otherwise, for "needs a decision".
   */
  score?: number;
}
/** A score, a reason they are different, or null when the names are simply unrelated. */
export type Comparison = PairScore | PairVeto | null;

export interface CompareContext {
  kind: MatchKind;
  /** Rarity weight of a token (higher = rarer = more telling). */
  weight(token: string): number;
}

export const TYPO_COST = 0.05;
/** What each typo after the first costs in a long name (see typoCost). */
export const LATER_TYPO_COST = 0.03;
/** Letters from which a name counts as long. */
const LONG_NAME = 14;

/**
 * The cost of `edits` typos in names of `letters` letters. Two slips in "Chaeles Omar Doyyle"
 * are as telling as one in "Jon Doe": a long name has more letters to mistype and more
 * letters that still agree, so typos after the first cost less there.
 */
export function typoCost(edits: number, letters: number): number {
  if (edits <= 1 || letters < LONG_NAME) return TYPO_COST * edits;
  return TYPO_COST + LATER_TYPO_COST * (edits - 1);
}
const NO_WORDS: ReadonlySet<string> = new Set();

export function isVeto(c: Comparison): c is PairVeto {
  return c !== null && 'veto' in c;
}

const q = (s: string) => `'${s}'`;
const letters = (n: number) => (n === 1 ? 'one-letter' : `${n}-letter`);

function blend(tokenSim: number, stringSim: number): number {
  return 0.5 * tokenSim + 0.5 * stringSim;
}

// ---------------------------------------------------------------------------------------------
// Business and item names: every word must find its partner.
// ---------------------------------------------------------------------------------------------

function describeDropped(a: NameForm, b: NameForm): string[] {
  const reasons: string[] = [];
  if (a.dropped.length === 0 && b.dropped.length === 0) return reasons;
  const legal = (f: NameForm) => f.dropped.filter((d) => d.startsWith('legal:')).map((d) => d.slice(6));
  const la = legal(a);
  const lb = legal(b);
  if (la.join(' ') !== lb.join(' ')) {
    const shown = [...new Set([...la, ...lb])].map(q).join(', ');
    reasons.push(`same name once ${shown} ${la.length + lb.length > 1 ? 'are' : 'is'} ignored`);
  }
  if (a.dropped.includes('the') !== b.dropped.includes('the')) reasons.push("leading 'The' ignored");
  if (a.dropped.includes('and') !== b.dropped.includes('and')) reasons.push("'&' and 'and' ignored");
  const stops = (f: NameForm) => f.dropped.filter((d) => d.startsWith('stop:')).map((d) => d.slice(5)).sort().join(' ');
  if (stops(a) !== stops(b)) reasons.push('small words such as \'of\' ignored');
  return reasons;
}

/**
 * The words one name has and the other lacks. Spelled out only when read: about half of the
 * pairs an automatch run scores end here, and the run itself only counts them.
 */
class RestVeto implements PairVeto {
  private text: string | undefined;
  constructor(
    private readonly a: NameForm,
    private readonly b: NameForm,
    private readonly al: Alignment,
  ) {}
  get veto(): string {
    this.text ??= describeRest(this.a, this.b, this.al);
    return this.text;
  }
  toJSON(): PairVeto {
    return { veto: this.veto };
  }
}

function vetoForRest(a: NameForm, b: NameForm, al: Alignment): PairVeto {
  return new RestVeto(a, b, al);
}

function describeRest(a: NameForm, b: NameForm, al: Alignment): string {
  const wa = al.restA.map((i) => a.raw[i]);
  const wb = al.restB.map((j) => b.raw[j]);
  const gen = [...wa, ...wb].filter((w) => GENERATIONAL.has(w));
  if (gen.length > 0) return `generational suffix differs (${gen.map(q).join(', ')} on one side only)`;
  if (wa.length > 0 && wb.length > 0) return `different words: ${wa.map(q).join(' ')} vs ${wb.map(q).join(' ')}`;
  const extra = wa.length > 0 ? wa : wb;
  return `extra distinguishing word${extra.length > 1 ? 's' : ''} ${extra.map(q).join(' ')}`;
}

const NUMBER_RE = /^\d{2,6}[a-z]?$/;

/**
 * Removes from the leftovers a number that is a code: either side's code number ("530 Filing
 * Fees" with code 530 against "Filing Fees"), or, when neither side knows a code, a lone number
 * at the very front or end of one name while the other name has no number left over (OfficeTools
 * writes the code into the name, QBO items rarely carry it). Returns the absorbed positions.
 */
function absorbCodes(a: NameForm, b: NameForm, al: Alignment, codeA?: string, codeB?: string): { a: number[]; b: number[] } {
  const isCode = (t: string) => t === codeA || t === codeB;
  const edge = (f: NameForm, i: number) => i === 0 || i === f.tokens.length - 1;
  const numbersA = al.restA.filter((i) => NUMBER_RE.test(a.tokens[i]));
  const numbersB = al.restB.filter((j) => NUMBER_RE.test(b.tokens[j]));
  const outA = numbersA.filter((i) => isCode(a.tokens[i]) || (!codeA && !codeB && numbersB.length === 0 && numbersA.length === 1 && edge(a, i)));
  const outB = numbersB.filter((j) => isCode(b.tokens[j]) || (!codeA && !codeB && numbersA.length === 0 && numbersB.length === 1 && edge(b, j)));
  if (outA.length > 0) al.restA = al.restA.filter((i) => !outA.includes(i));
  if (outB.length > 0) al.restB = al.restB.filter((j) => !outB.includes(j));
  return { a: outA, b: outB };
}

const NOTHING_ABSORBED = { a: [] as number[], b: [] as number[] };

/** b's linked words, joined, in the order of their partners in a. */
function inOrderOf(al: Alignment, b: NameForm): string {
  // The usual case, every word of b paired one to one and in the same order: b as it is.
  if (!al.orderChanged && al.links.length === b.tokens.length && al.links.every((l) => l.a.length === 1 && l.b.length === 1)) return b.joined;
  return [...al.links].sort((x, y) => x.a[0] - y.a[0]).flatMap((l) => l.b.map((j) => b.tokens[j])).join(' ');
}

export function compareForms(a: NameForm, b: NameForm, ctx: CompareContext, codeA?: string, codeB?: string): Comparison {
  const al = alignTokens(a.tokens, b.tokens, COMMON_WORDS, a.raw, b.raw);
  const absorbed = ctx.kind === 'items' && (al.restA.length > 0 || al.restB.length > 0) ? absorbCodes(a, b, al, codeA, codeB) : NOTHING_ABSORBED;
  const codeInName = absorbed.a.length + absorbed.b.length > 0;
  if (al.links.length === 0) return null;
  if (al.restA.length > 0 || al.restB.length > 0) return vetoForRest(a, b, al);
  let wSum = 0;
  let wSim = 0;
  const reasons: string[] = [];
  let spacing = false;
  for (const link of al.links) {
    const ta = link.a.length === 1 ? a.tokens[link.a[0]] : link.a.map((i) => a.tokens[i]).join('');
    const tb = link.b.length === 1 ? b.tokens[link.b[0]] : link.b.map((j) => b.tokens[j]).join('');
    const w = (ctx.weight(a.tokens[link.a[0]]) + ctx.weight(b.tokens[link.b[0]])) / 2;
    const sim = link.edits === 0 ? 1 : 1 - link.edits / Math.max(ta.length, tb.length);
    wSum += w;
    wSim += w * sim;
    if (link.kind === 'exact') {
      const ra = a.raw[link.a[0]];
      const rb = b.raw[link.b[0]];
      if (ra !== rb) reasons.push(`${q(ra)} read as ${q(rb)}`);
    } else if (link.kind === 'typo') {
      reasons.push(`${letters(link.edits)} difference (${q(a.raw[link.a[0]])} / ${q(b.raw[link.b[0]])})`);
    } else {
      spacing = true;
      reasons.push(`same letters, different spacing (${q(link.a.map((i) => a.raw[i]).join(' '))} / ${q(link.b.map((j) => b.raw[j]).join(' '))})`);
    }
  }
  // Jaro-Winkler over the names with b's words put in a's order, so order costs only the flat penalty below.
  const aText = codeInName ? a.tokens.filter((_t, i) => !absorbed.a.includes(i)).join(' ') : a.joined;
  const stringSim = jaroWinkler(aText, inOrderOf(al, b));
  const sameSpelling = a.rawJoined === b.rawJoined;
  reasons.unshift(...describeDropped(a, b));
  if (al.orderChanged) reasons.push('same words in a different order');
  if (codeInName) reasons.push('code number written into the name');
  if (reasons.length === 0) reasons.push(sameSpelling ? 'same name' : 'same name apart from case and punctuation');
  const score = blend(wSim / wSum, stringSim) - typoCost(al.edits, Math.min(a.compact.length, b.compact.length)) - (al.orderChanged ? 0.02 : 0) - (spacing ? 0.02 : 0);
  return { score, reasons };
}

// ---------------------------------------------------------------------------------------------
// People: surname, first name, middle names and generational suffix each have their own rule.
// ---------------------------------------------------------------------------------------------

const display = (w: string) => (w.length === 1 ? `${w.toUpperCase()}.` : w.charAt(0).toUpperCase() + w.slice(1));

function givenEdits(x: string, y: string): number {
  if (x === y) return 0;
  // Two real given names are two people, however close the spelling ("Jon" / "John").
  if (GIVEN_NAMES.has(x) && GIVEN_NAMES.has(y)) return -1;
  return typoEdits(x, y, NO_WORDS);
}

function compatibleMiddle(x: string, y: string): 'same' | 'initial' | number | false {
  if (x === y) return 'same';
  if (x.length === 1 || y.length === 1) return x[0] === y[0] ? 'initial' : false;
  const d = givenEdits(x, y);
  return d >= 0 ? d : false;
}

/**
 * "Garcia Lopez, Maria" has a two-word surname, but "Maria Garcia Lopez" reads as first Maria,
 * middle Garcia, last Lopez. When the other side's surname says so, move the words back.
 */
function reconcileSurnames(pa: PersonName, pb: PersonName): [PersonName, PersonName] {
  const fix = (long: PersonName, short: PersonName): PersonName | undefined => {
    const extra = long.last.length - short.last.length;
    if (extra <= 0 || short.middles.length < extra) return undefined;
    const moved = short.middles.slice(short.middles.length - extra);
    const candidate = { ...short, middles: short.middles.slice(0, short.middles.length - extra), last: [...moved, ...short.last] };
    const x = long.last.join('');
    const y = candidate.last.join('');
    const allowance = typoAllowance(Math.max(x.length, y.length));
    return editDistance(x, y, allowance) <= allowance ? candidate : undefined;
  };
  const b2 = fix(pa, pb);
  if (b2) return [pa, b2];
  const a2 = fix(pb, pa);
  return a2 ? [a2, pb] : [pa, pb];
}

export function comparePeople(rawA: PersonName, rawB: PersonName, ctx: CompareContext): Comparison {
  const [pa, pb] = reconcileSurnames(rawA, rawB);
  const lastA = pa.last.join('');
  const lastB = pb.last.join('');
  let lastEdits = 0;
  if (lastA !== lastB) {
    const allowance = typoAllowance(Math.max(lastA.length, lastB.length));
    lastEdits = editDistance(lastA, lastB, allowance);
    if (lastEdits > allowance) return null;
  }
  if (pa.suffix !== pb.suffix) {
    const shown = [pa.suffix, pb.suffix].filter((s) => s).map(display);
    if (pa.suffix && pb.suffix) return { veto: `different generational suffixes (${shown.join(' vs ')})` };
    // "John Smith" may be "John Smith Jr." with the suffix left out, or his father: a person decides.
    const rest = comparePeople({ ...pa, suffix: '' }, { ...pb, suffix: '' }, ctx);
    return { veto: `generational suffix on one side only (${shown[0]})`, score: rest && !isVeto(rest) ? rest.score : undefined };
  }
  const reasons: string[] = [];
  reasons.push(lastEdits === 0 ? 'same surname' : `${letters(lastEdits)} difference in the surname (${display(lastA)} / ${display(lastB)})`);
  let edits = lastEdits;
  let firstSim = 1;
  let firstInitialOnly = false;
  const fa = pa.first;
  const fb = pb.first;
  if (fa !== fb) {
    if ((fa.length === 1 || fb.length === 1) && fa[0] === fb[0]) {
      firstInitialOnly = true;
      firstSim = 0.5;
      reasons.push(`first name given only as an initial (${display(fa)} / ${display(fb)})`);
    } else {
      const d = givenEdits(fa, fb);
      if (d < 0) return { veto: `different first name with the same surname (${display(fa)} vs ${display(fb)})` };
      edits += d;
      firstSim = 1 - d / Math.max(fa.length, fb.length);
      reasons.push(`${letters(d)} difference in the first name (${display(fa)} / ${display(fb)})`);
    }
  } else reasons.push('same first name');
  let midSim = 1;
  let midCost = 0;
  const ma = pa.middles;
  const mb = pb.middles;
  if (ma.length > 0 && mb.length > 0) {
    for (let k = 0; k < Math.min(ma.length, mb.length); k++) {
      const c = compatibleMiddle(ma[k], mb[k]);
      if (c === false) {
        const kind = ma[k].length === 1 || mb[k].length === 1 ? 'middle initials' : 'middle names';
        // Usually two people (a father and son, two cousins), sometimes a slip: a person decides.
        const rest = comparePeople({ ...pa, middles: [] }, { ...pb, middles: [] }, ctx);
        return { veto: `${kind} differ (${display(ma[k])} vs ${display(mb[k])})`, score: rest && !isVeto(rest) ? rest.score : undefined };
      }
      if (c === 'initial') {
        midSim = Math.min(midSim, 0.9);
        midCost += 0.01;
        reasons.push(`middle name ${display(ma[k].length > 1 ? ma[k] : mb[k])} matches the initial ${display(ma[k].length > 1 ? mb[k] : ma[k])}`);
      } else if (typeof c === 'number') {
        edits += c;
        midSim = Math.min(midSim, 0.9);
        reasons.push(`${letters(c)} difference in the middle name`);
      } else reasons.push(`same middle ${ma[k].length === 1 ? 'initial' : 'name'}`);
    }
    if (ma.length !== mb.length) midCost += 0.01;
  } else if (ma.length + mb.length > 0) {
    midSim = 0.8;
    midCost = 0.02;
    reasons.push(`middle ${[...ma, ...mb][0].length === 1 ? 'initial' : 'name'} on one side only`);
  }
  if (pa.suffix) reasons.push(`same generational suffix (${display(pa.suffix)})`);
  const wl = pa.last.reduce((s, t) => s + ctx.weight(t), 0);
  const wf = firstInitialOnly ? 0.5 : ctx.weight(fa);
  const wm = ma.length + mb.length > 0 ? 0.5 : 0;
  const lastSim = 1 - lastEdits / Math.max(lastA.length, lastB.length);
  const tokenSim = (wl * lastSim + wf * firstSim + wm * midSim) / (wl + wf + wm);
  const stringSim = jaroWinkler([fa, ...ma, lastA].join(' '), [fb, ...mb, lastB].join(' '));
  const nameLetters = Math.min(fa.length + lastA.length, fb.length + lastB.length);
  let score = blend(tokenSim, stringSim) - typoCost(edits, nameLetters) - midCost;
  // An initial alone could be anyone with that surname: only secondary evidence can carry it.
  if (firstInitialOnly) score = Math.min(score, 0.72);
  return { score, reasons };
}

// ---------------------------------------------------------------------------------------------
// Evidence beyond the name.
// ---------------------------------------------------------------------------------------------

/**
 * Secondary evidence: equal values raise the score, different ones lower it. Reasons are built
 * only for fields both sides have (most pairs have none, and this runs for every pair scored).
 */
function applyEvidence(c: PairScore, a: Profile, b: Profile): PairScore {
  const email = !!a.email && !!b.email;
  const phone = !!a.phone && !!b.phone;
  const account = !!a.account && !!b.account;
  const code = !!a.code && !!b.code;
  if (!email && !phone && !account && !code) return c;
  let score = c.score;
  const reasons = [...c.reasons];
  // Different emails or phones are common for one client (office vs personal): a light touch.
  if (email) {
    if (a.email === b.email) {
      score += 0.1;
      reasons.push('same email');
    } else score -= 0.03;
  }
  if (phone) {
    if (a.phone === b.phone) {
      score += 0.08;
      reasons.push('same phone');
    } else score -= 0.02;
  }
  if (account) {
    if (a.account === b.account) {
      score += 0.15;
      reasons.push('same account number');
    } else {
      score -= 0.2;
      reasons.push('different account numbers');
    }
  }
  if (code) {
    if (a.code === b.code) {
      score += 0.12;
      reasons.push(`same code number ${q(a.code ?? '')}`);
    } else {
      score -= 0.25;
      reasons.push(`different code numbers (${q(a.code ?? '')} vs ${q(b.code ?? '')})`);
    }
  }
  return { score, reasons };
}

function usePersonRules(a: Profile, b: Profile): boolean {
  return !!a.person && !!b.person && (a.person.certainty === 2 || b.person.certainty === 2);
}

const title = (s: string) => s.replace(/\b\p{L}/gu, (c) => c.toUpperCase());

function samePlace(x: string, y: string): boolean {
  if (x === y) return true;
  const allowance = typoAllowance(Math.max(x.length, y.length));
  if (allowance > 0 && editDistance(x, y, allowance) <= allowance) return true;
  // "Tucson" / "Tucson AZ": the longer one only adds to the shorter (a state, "Downtown").
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return long.startsWith(`${short} `);
}

/** Another city or branch (tags and city fields), or undefined when the places agree or one is unknown. */
function placeVeto(a: Profile, b: Profile): PairVeto | undefined {
  const pa = a.tag ?? a.city;
  const pb = b.tag ?? b.city;
  if (pa && pb && !samePlace(pa, pb) && !(a.city && b.city && samePlace(a.city, b.city))) {
    return { veto: `another city or branch (${title(pa)} vs ${title(pb)})` };
  }
  return undefined;
}

export function comparePair(a: Profile, b: Profile, ctx: CompareContext): Comparison {
  const place = placeVeto(a, b);
  if (place) {
    const names = compareNames(a, b, ctx);
    return names && !isVeto(names) ? { veto: place.veto, score: names.score } : place;
  }
  let c = compareNames(a, b, ctx);
  // "Wood Welding Tulsa" / "Wood Welding - Tulsa": the tag is a word of the other name.
  if ((c === null || isVeto(c)) && (a.taggedForm || b.taggedForm) && !(a.taggedForm && b.taggedForm)) {
    const full = a.taggedForm ? compareForms(a.taggedForm, b.forms[0], ctx) : compareForms(a.forms[0], b.taggedForm as NameForm, ctx);
    if (full && !isVeto(full)) return applyEvidence(full, a, b);
  }
  if (c === null || isVeto(c)) return c;
  if ((a.tag || b.tag) && !(a.tag && b.tag)) {
    const tag = (a.tag ?? b.tag) as string;
    const known = a.tag ? b.city : a.city;
    // A bookkeeper links "Ortiz Pest Control (Denver)" to "Ortiz Pest Control": a small cost, so
    // that a second branch of the same name makes the pair ambiguous instead of a guess.
    c = known ? { score: c.score, reasons: [...c.reasons, `same city (${title(tag)})`] } : { score: c.score - 0.03, reasons: [...c.reasons, `place or branch tag ${q(title(tag))} on one side only`] };
  } else if (a.tag && b.tag) c = { score: c.score, reasons: [...c.reasons, `same branch (${title(a.tag)})`] };
  return applyEvidence(c, a, b);
}

function compareNames(a: Profile, b: Profile, ctx: CompareContext): Comparison {
  let c: Comparison;
  if (usePersonRules(a, b)) {
    c = comparePeople(a.person as PersonName, b.person as PersonName, ctx);
    // "Garcia Lopez, Maria" / "Maria Garcia Lopez": the surname split differs but every word agrees.
    if (c === null) {
      const byWords = compareForms(a.forms[0], b.forms[0], ctx);
      if (byWords && !isVeto(byWords)) c = { score: byWords.score - 0.03, reasons: ['same words in a different order', ...byWords.reasons.filter((r) => r !== 'same words in a different order')] };
    }
  } else {
    let firstVeto: PairVeto | undefined;
    let best: PairScore | undefined;
    for (let i = 0; i < a.forms.length; i++) {
      for (let j = 0; j < b.forms.length; j++) {
        const r = compareForms(a.forms[i], b.forms[j], ctx, a.code, b.code);
        if (r === null) continue;
        if (isVeto(r)) firstVeto = firstVeto ?? r;
        else if (!best || r.score > best.score) best = r;
      }
    }
    c = best ?? firstVeto ?? null;
  }
  if (c === null || isVeto(c)) return c;
  if (a.pathPrefix !== b.pathPrefix && (a.pathPrefix || b.pathPrefix) && ctx.kind !== 'items') {
    c = { score: c.score, reasons: [...c.reasons, `compared on the last part of ${q(`${a.pathPrefix ?? b.pathPrefix}:…`)}`] };
  }
  return c;
}
