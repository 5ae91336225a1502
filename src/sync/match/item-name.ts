/**
 * Work code, expense code and QBO item names: separators and word order carry no meaning
 * ("Bookkeeping - Monthly" = "Monthly Bookkeeping"), abbreviations and plurals are folded,
 * and a code number written into the name ("110 - Bookkeeping", "Mileage (510)") is lifted out.
 */
import { foldText, splitWords } from './fold';
import type { NameWords } from './business-name';
import { ITEM_ABBREVIATIONS, ITEM_PHRASES, STOPWORDS } from './vocabulary';

export interface ItemWords extends NameWords {
  /** A code number found in the name itself, when the name carries one. */
  codeInName?: string;
}

const LEADING_CODE_RE = /^\s*#?(\d{2,6}[a-z]?)\s*[-–—:.)]\s*/i;
const TRAILING_CODE_RE = /\s*[([#]\s*(\d{2,6}[a-z]?)\s*[)\]]?\s*$/i;

function stem(w: string): string {
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

function canonical(w: string): string {
  const direct = ITEM_ABBREVIATIONS.get(w);
  if (direct) return direct;
  const stemmed = stem(w);
  return ITEM_ABBREVIATIONS.get(stemmed) ?? stemmed;
}

export function itemWords(name: string): ItemWords {
  let codeInName: string | undefined;
  let s = name;
  const lead = LEADING_CODE_RE.exec(s);
  if (lead) {
    codeInName = lead[1].toLowerCase();
    s = s.slice(lead[0].length);
  } else {
    const trail = TRAILING_CODE_RE.exec(s);
    if (trail && trail.index > 0) {
      codeInName = trail[1].toLowerCase();
      s = s.slice(0, trail.index);
    }
  }
  let folded = foldText(s);
  for (const [re, to] of ITEM_PHRASES) folded = folded.replace(re, to);
  const words = splitWords(folded);
  const tokens: string[] = [];
  const raw: string[] = [];
  const dropped: string[] = [];
  for (const w of words) {
    if (STOPWORDS.has(w) && words.length > 1) {
      dropped.push(w === 'and' ? 'and' : `stop:${w}`);
      continue;
    }
    tokens.push(canonical(w));
    raw.push(w);
  }
  if (tokens.length === 0) return { tokens: [...words], raw: [...words], dropped: [], codeInName };
  return { tokens, raw, dropped, codeInName };
}
