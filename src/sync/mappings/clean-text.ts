/**
 * Makes a text valid for a QBO field and says what changed (QBO-FACTS §3): names may not
 * contain ':' (QBO uses it to join parent and sub-customer names), tabs or line breaks, and
 * every field has a length limit. The user is told exactly what was sent instead.
 */
import type { MappingWarning, MappingWarningCode } from './mapping-types';

export interface TextRule {
  /** QBO field name, e.g. `CompanyName`. */
  field: string;
  /** How the user knows the field, e.g. `company name`. */
  label: string;
  maxLength: number;
  /** Apply the name rules (no ':', no tab or line break). */
  name?: boolean;
  /** Line breaks become spaces (single-line fields such as address lines and phones). */
  singleLine?: boolean;
}

export interface CleanText {
  /** Undefined when nothing is left to send. */
  value?: string;
  warning?: MappingWarning;
}

/** Cuts to `max` UTF-16 units without splitting a surrogate pair. */
function truncate(text: string, max: number): string {
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut.trimEnd();
}

export function cleanText(input: string | undefined, rule: TextRule): CleanText {
  if (input === undefined) return {};
  const original = input;
  const reasons: Array<{ code: MappingWarningCode; why: string }> = [];
  let text = original.trim();
  if (rule.name && text.includes(':')) {
    text = text.replace(/:/g, '-');
    reasons.push({ code: 'invalidCharacters', why: "does not allow ':' in names" });
  }
  if ((rule.name || rule.singleLine) && /[\t\r\n]/.test(text)) {
    text = text.replace(/\s*[\t\r\n]+\s*/g, ' ').trim();
    reasons.push({
      code: 'invalidCharacters',
      why: rule.name ? 'does not allow tabs or line breaks in names' : `does not allow line breaks in the ${rule.label}`,
    });
  }
  if (text.length > rule.maxLength) {
    text = truncate(text, rule.maxLength);
    reasons.push({ code: 'truncated', why: `allows at most ${rule.maxLength} characters in the ${rule.label}` });
  }
  const value = text === '' ? undefined : text;
  if (reasons.length === 0) return { value };
  const label = rule.label.charAt(0).toUpperCase() + rule.label.slice(1);
  const change = value === undefined ? 'was left out' : `was changed to "${value}"`;
  return {
    value,
    warning: {
      code: reasons[0].code,
      field: rule.field,
      original,
      ...(value === undefined ? {} : { changedTo: value }),
      message: `${label} "${original}" ${change} because QuickBooks Online ${reasons.map((r) => r.why).join(' and ')}.`,
    },
  };
}

/** Collects warnings while building a payload. */
export class WarningList {
  readonly items: MappingWarning[] = [];

  text(input: string | undefined, rule: TextRule): string | undefined {
    const { value, warning } = cleanText(input, rule);
    if (warning) this.items.push(warning);
    return value;
  }

  add(warning: MappingWarning): void {
    this.items.push(warning);
  }
}
