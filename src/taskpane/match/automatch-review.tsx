/**
 * Automatch's proposals, for review before anything is saved: each pair with its confidence and
 * the engine's reasons, a check box per pair, and Accept all / Accept selected / Cancel.
 * Virtualized like the entity lists, since a first run on a big firm proposes thousands.
 *
 * Beside them, "Needs a decision": pairs Automatch held back (two candidates nearly as good,
 * another middle initial, another city…), each with its reason and a one-click Accept that
 * marks it for linking like a checked proposal. Nothing is saved before Accept all / selected.
 */
import { Checkbox, DefaultButton, List, PrimaryButton, Stack, Text, useTheme } from '@fluentui/react';
import { useCallback, useMemo, type CSSProperties } from 'react';
import type { Proposal, Undecided } from '../../sync/match/types';

export interface ReviewRow extends Proposal {
  leftName: string;
  rightName: string;
  /** Set when Automatch held the pair back: why ("two candidates within 2%"). Unchecked until the user accepts it. */
  held?: string;
}

/** A held-back pair as a review row: accepted, it is saved like any proposal, its reason kept. */
export function undecidedRow(u: Undecided, leftName: string, rightName: string): ReviewRow {
  return { leftId: u.leftId, rightId: u.rightId, score: u.score, reasons: [`accepted by hand: ${u.reason}`], leftName, rightName, held: u.reason };
}

/** The rows "Accept all" saves: every confident proposal, and the held-back ones the user accepted. */
export function rowsToAccept(rows: readonly ReviewRow[], checked: ReadonlySet<number>, which: 'all' | 'selected'): ReviewRow[] {
  return rows.filter((r, i) => checked.has(i) || (which === 'all' && !r.held));
}

/** Check boxes ticked when the review opens: the confident proposals only. */
export function initiallyChecked(rows: readonly ReviewRow[]): Set<number> {
  const out = new Set<number>();
  rows.forEach((r, i) => {
    if (!r.held) out.add(i);
  });
  return out;
}

export interface AutomatchReviewProps {
  rows: readonly ReviewRow[];
  checked: ReadonlySet<number>;
  words: { otPlural: string; qboPlural: string };
  busy: boolean;
  onToggle(index: number): void;
  onAccept(which: 'all' | 'selected'): void;
  onCancel(): void;
}

export function confidenceText(score: number): string {
  return `${Math.round(score * 100)}%`;
}

const GRID = '28px 1fr 1fr 92px 1.4fr';

interface Indexed {
  row: ReviewRow;
  index: number;
}

/** The column headers stay in view while the proposals scroll under them (opaque, in the theme's background). */
function headerRow(background: string): CSSProperties {
  return { display: 'grid', gridTemplateColumns: GRID, gap: 8, fontWeight: 600, padding: '4px', borderBottom: '1px solid #c8c6c4', position: 'sticky', top: 0, zIndex: 1, background };
}

export function AutomatchReview({ rows, checked, words, busy, onToggle, onAccept, onCancel }: AutomatchReviewProps) {
  const HEADER_ROW = headerRow(useTheme().semanticColors.bodyBackground);
  const { sure, held } = useMemo(() => {
    const s: Indexed[] = [];
    const h: Indexed[] = [];
    rows.forEach((row, index) => (row.held ? h : s).push({ row, index }));
    return { sure: s, held: h };
  }, [rows]);
  // A held-back pair whose entity is already in a checked pair cannot be linked too.
  const taken = useMemo(() => {
    const l = new Set<string>();
    const r = new Set<string>();
    for (const i of checked) {
      const row = rows[i];
      if (row) {
        l.add(row.leftId);
        r.add(row.rightId);
      }
    }
    return { l, r };
  }, [rows, checked]);

  const onRenderCell = useCallback(
    (item?: Indexed) => {
      if (!item) return null;
      const { row, index } = item;
      const id = `proposal-${index}`;
      return (
        <div role="row" style={{ display: 'grid', gridTemplateColumns: GRID, alignItems: 'center', gap: 8, minHeight: 30, borderBottom: '1px solid #edebe9', padding: '2px 4px' }}>
          <Checkbox id={id} checked={checked.has(index)} onChange={() => onToggle(index)} ariaLabel={`Accept ${row.leftName} ↔ ${row.rightName}`} disabled={busy} />
          <label htmlFor={id}>{row.leftName}</label>
          <span>{row.rightName}</span>
          <span title="Confidence">{confidenceText(row.score)}</span>
          <span style={{ color: '#605e5c' }}>{row.reasons.join('; ')}</span>
        </div>
      );
    },
    [checked, busy, onToggle],
  );
  const version = useMemo(() => ({ checked, busy }), [checked, busy]);

  const onRenderHeld = useCallback(
    (item?: Indexed) => {
      if (!item) return null;
      const { row, index } = item;
      const accepted = checked.has(index);
      const blocked = !accepted && (taken.l.has(row.leftId) || taken.r.has(row.rightId));
      return (
        <div role="row" style={{ display: 'grid', gridTemplateColumns: GRID, alignItems: 'center', gap: 8, minHeight: 30, borderBottom: '1px solid #edebe9', padding: '2px 4px' }}>
          <span />
          <span>{row.leftName}</span>
          <span>{row.rightName}</span>
          <span title="How alike the names are">{confidenceText(row.score)}</span>
          <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 8 }} style={{ justifyContent: 'space-between' }}>
            <span style={{ color: '#8a6d00' }}>{row.held}</span>
            <DefaultButton
              text={accepted ? 'Accepted' : 'Accept'}
              ariaLabel={`${accepted ? 'Undo accepting' : 'Accept'} ${row.leftName} ↔ ${row.rightName}`}
              title={blocked ? 'One of the two is already in an accepted pair' : accepted ? 'Click again to leave it unlinked' : 'Link these two when you save'}
              checked={accepted}
              toggle
              onClick={() => onToggle(index)}
              disabled={busy || blocked}
              styles={{ root: { minWidth: 72, height: 26 } }}
            />
          </Stack>
        </div>
      );
    },
    [checked, busy, onToggle, taken],
  );
  const acceptedHeld = held.filter((h) => checked.has(h.index)).length;
  const allCount = sure.length + acceptedHeld;

  return (
    <Stack tokens={{ childrenGap: 8 }} aria-label="Automatch proposals">
      <Text variant="mediumPlus">
        Automatch proposes {sure.length} {sure.length === 1 ? 'pair' : 'pairs'}
        {held.length > 0 ? ` and leaves ${held.length} for you to decide` : ''}. Nothing is linked until you accept.
      </Text>
      {sure.length > 0 ? (
        <div role="grid" aria-label="Proposed links" style={{ maxHeight: held.length > 0 ? 240 : 340, overflowY: 'auto', border: '1px solid #c8c6c4' }} data-is-scrollable="true">
          <div role="row" style={HEADER_ROW}>
            <span />
            <span>OfficeTools {words.otPlural}</span>
            <span>QuickBooks Online {words.qboPlural}</span>
            <span>Confidence</span>
            <span>Why</span>
          </div>
          <List items={sure} onRenderCell={onRenderCell} version={version} />
        </div>
      ) : null}
      {held.length > 0 ? (
        <>
          <Text variant="medium" styles={{ root: { fontWeight: 600 } }}>
            Needs a decision ({held.length})
          </Text>
          <div role="grid" aria-label="Needs a decision" style={{ maxHeight: 200, overflowY: 'auto', border: '1px solid #c8c6c4' }} data-is-scrollable="true">
            <div role="row" style={HEADER_ROW}>
              <span />
              <span>OfficeTools {words.otPlural}</span>
              <span>QuickBooks Online {words.qboPlural}</span>
              <span>Alike</span>
              <span>Why Automatch held back</span>
            </div>
            <List items={held} onRenderCell={onRenderHeld} version={version} />
          </div>
        </>
      ) : null}
      <Stack horizontal tokens={{ childrenGap: 8 }}>
        <PrimaryButton text={`Accept all (${allCount})`} onClick={() => onAccept('all')} disabled={busy || allCount === 0} />
        <DefaultButton text={`Accept selected (${checked.size})`} onClick={() => onAccept('selected')} disabled={busy || checked.size === 0} />
        <DefaultButton text="Cancel" ariaLabel="Cancel automatch" onClick={onCancel} disabled={busy} />
      </Stack>
    </Stack>
  );
}
