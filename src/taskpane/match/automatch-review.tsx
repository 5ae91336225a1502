/**
 * Automatch's proposals, for review before anything is saved: each pair with its confidence and
 * the engine's reasons, a check box per pair, and Accept all / Accept selected / Cancel.
 * Virtualized like the entity lists, since a first run on a big firm proposes thousands.
 */
import { DefaultButton, List, PrimaryButton, Stack, Text } from '@fluentui/react';
import { useCallback, useMemo } from 'react';
import type { Proposal } from '../../sync/match/types';

export interface ReviewRow extends Proposal {
  leftName: string;
  rightName: string;
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

export function AutomatchReview({ rows, checked, words, busy, onToggle, onAccept, onCancel }: AutomatchReviewProps) {
  const onRenderCell = useCallback(
    (row?: ReviewRow, index?: number) => {
      if (!row || index === undefined) return null;
      const id = `proposal-${index}`;
      return (
        <div role="row" style={{ display: 'grid', gridTemplateColumns: '28px 1fr 1fr 92px 1.4fr', alignItems: 'center', gap: 8, minHeight: 30, borderBottom: '1px solid #edebe9', padding: '2px 4px' }}>
          <input id={id} type="checkbox" checked={checked.has(index)} onChange={() => onToggle(index)} aria-label={`Accept ${row.leftName} ↔ ${row.rightName}`} disabled={busy} />
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

  return (
    <Stack tokens={{ childrenGap: 8 }} aria-label="Automatch proposals">
      <Text variant="mediumPlus">
        Automatch proposes {rows.length} {rows.length === 1 ? 'pair' : 'pairs'}. Nothing is linked until you accept.
      </Text>
      <div role="grid" aria-label="Proposed links" style={{ maxHeight: 340, overflowY: 'auto', border: '1px solid #c8c6c4' }} data-is-scrollable="true">
        <div role="row" style={{ display: 'grid', gridTemplateColumns: '28px 1fr 1fr 92px 1.4fr', gap: 8, fontWeight: 600, padding: '4px', borderBottom: '1px solid #c8c6c4' }}>
          <span />
          <span>OfficeTools {words.otPlural}</span>
          <span>QuickBooks Online {words.qboPlural}</span>
          <span>Confidence</span>
          <span>Why</span>
        </div>
        <List items={rows as ReviewRow[]} onRenderCell={onRenderCell} version={version} />
      </div>
      <Stack horizontal tokens={{ childrenGap: 8 }}>
        <PrimaryButton text={`Accept all (${rows.length})`} onClick={() => onAccept('all')} disabled={busy || rows.length === 0} />
        <DefaultButton text={`Accept selected (${checked.size})`} onClick={() => onAccept('selected')} disabled={busy || checked.size === 0} />
        <DefaultButton text="Cancel" ariaLabel="Cancel automatch" onClick={onCancel} disabled={busy} />
      </Stack>
    </Stack>
  );
}
