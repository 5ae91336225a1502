/**
 * Reads a person's name in any of the forms the two systems use: OfficeTools lists
 * "Last, First M.", QBO shows "First M. Last", either may carry titles, post-nominal letters
 * and a generational suffix, and either may come as separate fields.
 */
import { foldText, splitWords } from './fold';
import { GIVEN_NAMES } from './given-names';
import { BUSINESS_ABBREVIATIONS, BUSINESS_MARKERS, GENERATIONAL, LEGAL_SUFFIXES, POST_NOMINALS, SURNAME_PARTICLES, TITLES } from './vocabulary';
import type { MatchEntity } from './types';

export interface PersonName {
  first: string;
  middles: string[];
  /** Surname words, particles included ("de la cruz" → ['de','la','cruz']). */
  last: string[];
  /** Canonical generational suffix ('jr', 'sr', 'ii', …) or '' when there is none. */
  suffix: string;
  /**
   * 2: certainly a person (separate name fields, "Last, First" form, a known given name, a
   * generational suffix or a title); 1: could be a person (two to four plain words).
   */
  certainty: 1 | 2;
}

const DIGIT_RE = /\d/;
const hasDigit = (w: string) => DIGIT_RE.test(w);

// takeSuffixes and dropTitles return their input itself when there is nothing to remove (the
// usual case): a name is parsed once per entity, 40,000 times per automatch run.
function takeSuffixes(words: string[]): { words: string[]; suffix: string; found: boolean } {
  let suffix = '';
  let k = words.length;
  while (k > 1) {
    const w = words[k - 1];
    const gen = GENERATIONAL.get(w);
    if (gen) suffix = suffix || gen;
    else if (!POST_NOMINALS.has(w)) break;
    k--;
  }
  return { words: k === words.length ? words : words.slice(0, k), suffix, found: k < words.length };
}

function dropTitles(words: string[]): { words: string[]; found: boolean } {
  let i = 0;
  while (i < words.length - 1 && TITLES.has(words[i])) i++;
  return { words: i === 0 ? words : words.slice(i), found: i > 0 };
}

function splitFirstMiddleLast(words: string[]): { first: string; middles: string[]; last: string[] } {
  let k = words.length - 1;
  // Particles before the final word belong to the surname, but never the first word.
  while (k > 1 && SURNAME_PARTICLES.has(words[k - 1])) k--;
  return { first: words[0], middles: words.slice(1, k), last: words.slice(k) };
}

// A hyphen inside a person's name joins one name ("Seo-yeon", "Richter-Delgado"), so keep it one word.
const HYPHENATED_RE = /(\p{L})\s*-\s*(?=\p{L})/gu;

function personText(v: string): string {
  return joinHyphens(foldText(v));
}

function joinHyphens(folded: string): string {
  return folded.includes('-') ? folded.replace(HYPHENATED_RE, '$1') : folded;
}

function fieldWords(v: string | undefined): string[] {
  return v ? splitWords(personText(v)) : [];
}

function isBusinessWord(w: string): boolean {
  return (BUSINESS_MARKERS.has(w) || BUSINESS_MARKERS.has(BUSINESS_ABBREVIATIONS.get(w) ?? w)) && !SURNAME_PARTICLES.has(w);
}

/** From separate first/middle/last fields, when the source has them. */
export function personFromFields(e: MatchEntity): PersonName | undefined {
  // Most entities carry a display name only: nothing to read here.
  if (!e.firstName || !e.lastName) return undefined;
  const firstWords = dropTitles(fieldWords(e.firstName)).words;
  const lastParsed = takeSuffixes(fieldWords(e.lastName));
  if (firstWords.length === 0 || lastParsed.words.length === 0) return undefined;
  const suffixWords = fieldWords(e.suffix);
  const suffix = suffixWords.map((w) => GENERATIONAL.get(w)).find((s) => s !== undefined) ?? lastParsed.suffix;
  return {
    first: firstWords[0],
    middles: [...firstWords.slice(1), ...fieldWords(e.middleName)],
    last: lastParsed.words.slice(),
    suffix,
    certainty: 2,
  };
}

/** From a display name, or undefined when it cannot be a person's name. */
export function personFromName(name: string): PersonName | undefined {
  return personFromFolded(foldText(name));
}

/** As personFromName, for text already passed through foldText. */
export function personFromFolded(folded: string): PersonName | undefined {
  const parts: string[][] = [];
  for (const chunk of joinHyphens(folded).split(',')) {
    const words = splitWords(chunk);
    if (words.length > 0) parts.push(words);
  }
  if (parts.length === 0) return undefined;
  // Most contact lists are half businesses: rule them out before parsing anything.
  for (const p of parts) for (const w of p) if (hasDigit(w) || (isBusinessWord(w) && !POST_NOMINALS.has(w))) return undefined;
  // "Acme, Inc." is a business, not Mr Inc Acme.
  if (parts.length > 1 && parts.slice(1).every((p) => p.every((w) => LEGAL_SUFFIXES.has(w)))) return undefined;
  let suffix = '';
  let marked = false;
  // Trailing parts that hold only a suffix: "Smith, John, Jr." or "John Smith, CPA".
  while (parts.length > 1 && parts[parts.length - 1].every((w) => GENERATIONAL.has(w) || POST_NOMINALS.has(w))) {
    const p = parts.pop() as string[];
    suffix = suffix || (p.map((w) => GENERATIONAL.get(w)).find((s) => s !== undefined) ?? '');
    marked = true;
  }
  let first: string;
  let middles: string[];
  let last: string[];
  if (parts.length >= 2) {
    const lastWords = takeSuffixes(parts[0]);
    const givenWords: string[] = [];
    for (let k = 1; k < parts.length; k++) givenWords.push(...parts[k]);
    const given = takeSuffixes(dropTitles(givenWords).words);
    if (lastWords.words.length === 0 || given.words.length === 0) return undefined;
    suffix = suffix || given.suffix || lastWords.suffix;
    first = given.words[0];
    middles = given.words.slice(1);
    last = lastWords.words.slice();
    marked = true;
  } else {
    const titled = dropTitles(parts[0]);
    const tail = takeSuffixes(titled.words);
    if (tail.words.length < 2 || tail.words.length > 5) return undefined;
    suffix = suffix || tail.suffix;
    marked = marked || titled.found || tail.found;
    ({ first, middles, last } = splitFirstMiddleLast(tail.words));
  }
  if (isBusinessWord(first) || middles.some(isBusinessWord) || last.some(isBusinessWord)) return undefined;
  const certainty: 1 | 2 = marked || GIVEN_NAMES.has(first) ? 2 : 1;
  return { first, middles, last, suffix, certainty };
}
