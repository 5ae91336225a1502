/**
 * Everything matching needs to know about one entity, computed once: its name read as a
 * person, a business or an item, and its secondary evidence (email, phone, account, code, city).
 */
import { splitBranchTag } from './branch-tag';
import { businessWordsFolded, type NameWords } from './business-name';
import { foldText, normaliseCode, normaliseEmail, normalisePhone, splitWords } from './fold';
import { itemWords } from './item-name';
import { personFromFields, personFromFolded, type PersonName } from './person-name';
import type { MatchEntity, MatchKind } from './types';

export interface NameForm extends NameWords {
  /** Tokens joined without spaces: catches "HomeDepot" / "Home Depot". */
  compact: string;
  /** Tokens and raw words joined with single spaces, kept because every pair compared needs them. */
  joined: string;
  rawJoined: string;
}

export interface Profile {
  index: number;
  id: string;
  /** Present when the name reads as a person's. */
  person?: PersonName;
  /** The name as words. Items have a second form when the name is a "Category:Item" path. */
  forms: NameForm[];
  /** QBO path prefix that was set aside ("Parent" in "Parent:Child"), for the reasons. */
  pathPrefix?: string;
  email?: string;
  phone?: string;
  account?: string;
  code?: string;
  city?: string;
  /** A place or branch tag written into the name ("(Denver)", "- Tucson"), folded; see branch-tag.ts. */
  tag?: string;
  /**
   * Words not to index: code numbers at the front or end of an item name ("530 Filing Fees"),
   * which the other system usually leaves out. Indexed, a rare number would outweigh the words
   * both names share and keep the true partner from being scored at all.
   */
  unindexed?: readonly string[];
  /** The name as words with its tag, kept only for tagged names ("Wood Welding Tulsa" / "Wood Welding - Tulsa"). */
  taggedForm?: NameForm;
}

const CODE_LIKE_RE = /^\d{2,6}[a-z]?$/;

function form(w: NameWords): NameForm {
  // Exact-size copies, and one array and string for both when no word was abbreviated (the
  // usual case): arrays grown by push keep room for 17 items, and 40,000 profiles stay alive
  // through the whole run, so every spare byte was garbage-collector work on each pass.
  const tokens = w.tokens.slice();
  const joined = tokens.join(' ');
  const asWritten = w.raw.length === tokens.length && w.raw.every((r, i) => r === tokens[i]);
  return {
    tokens,
    raw: asWritten ? tokens : w.raw.slice(),
    dropped: w.dropped.slice(),
    compact: tokens.join(''),
    joined,
    rawJoined: asWritten ? joined : w.raw.join(' '),
  };
}

/** Splits a QBO "Parent:Child" path; the child is what identifies the entity. */
function lastPathPart(name: string): { last: string; prefix?: string } {
  const i = name.lastIndexOf(':');
  if (i < 0) return { last: name };
  const last = name.slice(i + 1).trim();
  if (last.length === 0) return { last: name };
  return { last, prefix: name.slice(0, i).trim() };
}

function contactPerson(e: MatchEntity, folded: string): PersonName | undefined {
  if (e.companyName && e.companyName.trim()) return undefined;
  return personFromFields(e) ?? personFromFolded(folded);
}

export function buildProfile(e: MatchEntity, index: number, kind: MatchKind): Profile {
  const { last, prefix } = lastPathPart(e.name ?? '');
  // One literal with every field, so that all 40,000 profiles of a run share one object shape.
  const p: Profile = {
    index,
    id: e.id,
    person: undefined,
    forms: [],
    pathPrefix: prefix,
    email: e.email ? normaliseEmail(e.email) : undefined,
    phone: e.phone ? normalisePhone(e.phone) : undefined,
    account: e.accountNumber ? normaliseCode(e.accountNumber) : undefined,
    code: e.code ? normaliseCode(e.code) : undefined,
    city: e.city ? splitWords(foldText(e.city)).join(' ') || undefined : undefined,
    tag: undefined,
    taggedForm: undefined,
    unindexed: undefined,
  };
  if (kind === 'items') {
    // "Tax Preparation:Individual" must still meet "Tax Preparation - Individual", and
    // "Services:Bookkeeping" meet "Bookkeeping": every tail of the path is a form.
    const segments = (e.name ?? '').split(':').map((x) => x.trim()).filter((x) => x.length > 0);
    let codeInName: string | undefined;
    for (let k = segments.length - 1; k >= 0; k--) {
      const w = itemWords(segments.slice(k).join(' '));
      codeInName = codeInName ?? w.codeInName;
      if (w.tokens.length > 0) p.forms.push(form(w));
    }
    if (p.forms.length === 0) p.forms.push(form(itemWords(e.name ?? '')));
    p.forms = p.forms.slice();
    p.code = p.code ?? codeInName;
    const numbers = new Set<string>();
    for (const f of p.forms) {
      for (const k of [0, f.tokens.length - 1]) if (f.tokens.length > 1 && CODE_LIKE_RE.test(f.tokens[k])) numbers.add(f.tokens[k]);
    }
    if (numbers.size > 0) p.unindexed = [...numbers];
    return p;
  }
  // Only contacts carry branch tags; a staff member's name is a person's name.
  const tagged = kind === 'contacts' && (last.includes('(') || last.includes(' -') || last.includes('–') || last.includes('—')) ? splitBranchTag(last) : { head: last };
  const folded = foldText(tagged.head);
  if (tagged.tag) {
    p.tag = tagged.tag;
    p.taggedForm = form(businessWordsFolded(foldText(last)));
  }
  p.person = kind === 'employees' ? personFromFields(e) ?? personFromFolded(folded) : contactPerson(e, folded);
  // Word-level comparison always reads the name as a business would be read, so that a
  // person-looking "Iyer Technologies" and a business-looking "Iyer Technologies, PLLC" agree.
  p.forms = [form(businessWordsFolded(folded))];
  return p;
}
