/**
 * Text folding shared by every name kind: the differences a bookkeeper never means (case,
 * accents, punctuation, spacing, '&' versus 'and') disappear here, before any rule looks at
 * the words.
 */

// Letters that NFD does not decompose into a base letter plus a combining mark.
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h',
};
const SPECIAL_RE = /[ßæœøłđðþıħ]/g;
const COMBINING_MARKS_RE = /[\u0300-\u036f]/g;
// "L.L.C.", "P.C.", "J.R.": single letters each followed by a dot form one word.
const DOTTED_ACRONYM_RE = /(?:^|(?<=[\s,(/-]))((?:\p{L}\.){2,})/gu;
const APOSTROPHES_RE = /['’‘`´]/g;

// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL on purpose
const NON_ASCII_RE = /[^\x00-\x7f]/;
const UNICODE_SEPARATORS_RE = /[^\p{L}\p{N}]+/u;

/** Lower case without accents; `&` and `+` become "and"; dotted acronyms are joined. */
export function foldText(raw: string): string {
  // 40,000 names per automatch run: skip the Unicode work for the (usual) plain ASCII name.
  const ascii = !NON_ASCII_RE.test(raw);
  let s = ascii ? raw.toLowerCase() : raw.normalize('NFD').replace(COMBINING_MARKS_RE, '').toLowerCase();
  if (!ascii) s = s.replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c] ?? c);
  if (s.includes('.')) s = s.replace(DOTTED_ACRONYM_RE, (m) => m.replace(/\./g, ''));
  // O'Brien and Macy's keep their letters together.
  s = s.replace(APOSTROPHES_RE, '');
  if (s.includes('&') || s.includes('+')) s = s.replace(/[&+]/g, ' and ');
  return s;
}

/** Splits folded text into alphanumeric words. */
export function splitWords(folded: string): string[] {
  if (NON_ASCII_RE.test(folded)) return folded.split(UNICODE_SEPARATORS_RE).filter((w) => w.length > 0);
  // Plain ASCII (nearly every name): one pass over the char codes, cheaper than a regex split
  // plus a filter, and every automatch run splits each of its 40,000 names several times.
  const words: string[] = [];
  let from = -1;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (word && from < 0) from = i;
    else if (!word && from >= 0) {
      words.push(folded.slice(from, i));
      from = -1;
    }
  }
  if (from >= 0) words.push(folded.slice(from));
  return words;
}

/** Digits only, keeping the last ten (a US number without its country code). */
export function normalisePhone(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 7) return undefined;
  return digits.length > 10 ? digits.slice(-10) : digits;
}

export function normaliseEmail(raw: string | undefined): string | undefined {
  const e = raw?.trim().toLowerCase();
  return e && e.includes('@') ? e : undefined;
}

/** Account numbers and codes compare on letters and digits only ("AC-0042" = "ac0042"). */
export function normaliseCode(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const c = foldText(raw).replace(/[^\p{L}\p{N}]/gu, '');
  return c.length > 0 ? c : undefined;
}
