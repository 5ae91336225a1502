/**
 * Business names: the legal form, a leading "The", '&' versus 'and' and the usual
 * abbreviations are noise; every other word identifies the business.
 */
import { foldText, splitWords } from './fold';
import { editDistance } from './string-similarity';
import { BUSINESS_ABBREVIATIONS, LEGAL_PHRASES, LEGAL_SUFFIXES, STOPWORDS } from './vocabulary';

const LONG_LEGAL = ['limited', 'company', 'corporation', 'incorporated'];

/** A legal form, also when mistyped in one of its long spellings ("Limired", "Incorportated"). */
function isLegal(w: string): boolean {
  if (LEGAL_SUFFIXES.has(w)) return true;
  return w.length >= 6 && LONG_LEGAL.some((l) => editDistance(w, l, 1) <= 1);
}

export interface NameWords {
  /** Canonical words compared between the two sides, in their original order. */
  tokens: string[];
  /** The folded word each token came from, to explain abbreviation matches ("assoc" = "associates"). */
  raw: string[];
  /** What was dropped: 'legal:llc', 'the', 'and', 'stop:of', 'path:parent'. */
  dropped: string[];
}

export function businessWords(name: string): NameWords {
  return businessWordsFolded(foldText(name));
}

/** As businessWords, for text already passed through foldText. */
export function businessWordsFolded(folded: string): NameWords {
  let s = folded;
  if (s.includes('limited') || s.includes('professional') || s.includes('and co')) {
    for (const [re, to] of LEGAL_PHRASES) s = s.replace(re, ` ${to} `);
  }
  const words = splitWords(s);
  const dropped: string[] = [];
  if (words.length > 1 && words[0] === 'the') {
    words.shift();
    dropped.push('the');
  }
  // Strip the legal form from the end, also when it sits before a trailing "and"/"&" remnant.
  for (;;) {
    if (words.length > 1 && isLegal(words[words.length - 1])) dropped.push(`legal:${words.pop()}`);
    else if (words.length > 1 && words[words.length - 1] === 'and') {
      words.pop();
      dropped.push('and');
    }
    else break;
  }
  const tokens: string[] = [];
  const raw: string[] = [];
  for (const w of words) {
    if (STOPWORDS.has(w) && words.length > 1) {
      dropped.push(w === 'and' ? 'and' : `stop:${w}`);
      continue;
    }
    tokens.push(BUSINESS_ABBREVIATIONS.get(w) ?? w);
    raw.push(w);
  }
  if (tokens.length === 0) return { tokens: [...words], raw: [...words], dropped: [] };
  return { tokens, raw, dropped };
}
