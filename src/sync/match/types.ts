/**
 * The automatch contract shared by the Match tabs, the worker, the CLI and the benchmarks.
 * Plain data only, so that every type survives structured cloning except the two Sets in
 * `AutomatchInput` (see worker-message.ts for how they cross the worker boundary).
 */

/** Which Match tab is asking: contacts ⇄ customers, employees ⇄ employees, codes ⇄ items. */
export type MatchKind = 'contacts' | 'employees' | 'items';

/** One entity on either side, reduced to what matching looks at. */
export interface MatchEntity {
  id: string;
  /** What the list shows: company name, "Last, First M.", "First M. Last", an item name or a QBO "Parent:Child" path. */
  name: string;
  email?: string;
  phone?: string;
  accountNumber?: string;
  /** Work/expense code number on the OfficeTools side, Sku on the QBO side. */
  code?: string;
  companyName?: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  /** Generational suffix such as "Jr." or "III". */
  suffix?: string;
  city?: string;
}

export interface AutomatchInput {
  kind: MatchKind;
  /** OfficeTools entities. */
  left: MatchEntity[];
  /** QuickBooks Online entities. */
  right: MatchEntity[];
  /** Left ids already linked: never proposed. */
  linkedLeftIds?: ReadonlySet<string>;
  /** Right ids already linked: never proposed. */
  linkedRightIds?: ReadonlySet<string>;
}

export interface Proposal {
  leftId: string;
  rightId: string;
  /** Confidence, 0..1. */
  score: number;
  /** Readable explanations, e.g. "same name once 'LLC' is ignored". */
  reasons: string[];
}

/**
 * A pair Automatch would not decide alone: close to a confident proposal but ambiguous (another
 * candidate within a hair) or marked as different by a rule a person may overrule (another
 * middle initial, another city or branch). The review shows it as "needs a decision".
 */
export interface Undecided {
  leftId: string;
  rightId: string;
  /** How alike the names are, 0..1, as if nothing had held the pair back. */
  score: number;
  /** Why it was held back, in plain words ("two candidates within 2%", "middle initials differ"). */
  reason: string;
}

export interface AutomatchStats {
  /** Left entities considered (not linked). */
  left: number;
  /** Right entities considered (not linked). */
  right: number;
  /** Left and right entities skipped because they are already linked. */
  skippedLinkedLeft: number;
  skippedLinkedRight: number;
  /** Pairs scored in full after the index proposed them (the all-pairs count would be left × right). */
  candidatePairs: number;
  /** Scored pairs refused by a "these are different" rule (suffix, middle initial, extra word…). */
  vetoedPairs: number;
  /** Pairs the one-to-one assignment chose but did not propose: too low or no clear margin. */
  withheldPairs: number;
  proposals: number;
  /** Wall time inside automatch, in milliseconds. */
  ms: number;
}

export interface AutomatchResult {
  proposals: Proposal[];
  /** Pairs held back for a person to decide; never overlapping `proposals`. */
  undecided: Undecided[];
  stats: AutomatchStats;
}
