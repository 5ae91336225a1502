/**
 * Place and branch tags: "Ortiz Pest Control (Denver)", "Blue Mesa Dental - Tucson". A firm
 * adds them to tell its client's locations apart, and the other system often leaves them out.
 * A tag on one side only is the same business; two different tags are two locations.
 *
 * Only the written forms a bookkeeper uses for a tag count (a trailing parenthesis, or a short
 * tail after a spaced dash), so "Fox Creek Cabinets West" keeps "West" as a word of the name.
 */
import { foldText, splitWords } from './fold';
import { GENERATIONAL, LEGAL_SUFFIXES } from './vocabulary';

export interface TaggedName {
  /** The name without its tag. */
  head: string;
  /** The tag's folded words joined by single spaces, or undefined when there is none. */
  tag?: string;
}

const PAREN_RE = /^(.*\S)\s*\(([^()]+)\)\s*$/;
const DASH_RE = /^(.*\S)\s+[-–—]\s+([^-–—:]+)$/;
const DIGIT_RE = /\d/;

function tagWords(text: string): string[] | undefined {
  if (DIGIT_RE.test(text)) return undefined;
  const words = splitWords(foldText(text));
  if (words.length === 0 || words.length > 3) return undefined;
  // "(LLC)" or ", Jr." in disguise are not places.
  if (words.every((w) => LEGAL_SUFFIXES.has(w) || GENERATIONAL.has(w))) return undefined;
  return words;
}

export function splitBranchTag(name: string): TaggedName {
  const paren = PAREN_RE.exec(name);
  if (paren) {
    const words = tagWords(paren[2]);
    if (words) return { head: paren[1], tag: words.join(' ') };
    return { head: name };
  }
  const dash = DASH_RE.exec(name);
  if (dash) {
    const words = tagWords(dash[2]);
    // "Hernandez - Lopez Law" is a partnership, not a place: the head needs two words and the tag at most two.
    if (words && words.length <= 2 && splitWords(foldText(dash[1])).length >= 2) return { head: dash[1], tag: words.join(' ') };
  }
  return { head: name };
}
