import { DefaultButton, Stack, Text } from '@fluentui/react';
import type { BlockReason } from '../../sync/billing/billing-types';
import type { BlockFix } from './billing-run';

/**
 * Why a row cannot be checked, under the row: every reason in words, wrapped to the list's
 * width so none hides behind a scroll or an ellipsis, and the fix button when there is one.
 */
export function BlockedCell({ label, reasons, onFix }: { label: string; reasons: readonly BlockReason[] | undefined; onFix(fix: BlockFix): void }) {
  if (!reasons || reasons.length === 0) return null;
  const withFix = reasons.find((r) => r.fix);
  return (
    <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 8 }}>
      <Text variant="small" styles={{ root: { whiteSpace: 'normal', color: '#a4262c', flex: 1, minWidth: 0 } }}>
        {reasons.map((r) => r.message).join(' ')}
      </Text>
      {withFix?.fix && (
        <DefaultButton
          text={withFix.fix.label}
          ariaLabel={`${withFix.fix.label} (${label})`}
          onClick={() => withFix.fix && onFix(withFix.fix)}
          styles={{ root: { height: 24, padding: '0 8px', minWidth: 0, flexShrink: 0 } }}
        />
      )}
    </Stack>
  );
}
