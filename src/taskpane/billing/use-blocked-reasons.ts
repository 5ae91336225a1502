/**
 * Why each listed document cannot go, worked out when the list loads (the planner is pure and
 * cheap), so the payment windows show the reason in the row instead of after a click.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BlockReason } from '../../sync/billing/billing-types';
import type { AnyPlan } from './billing-service';

export function useBlockedReasons(
  ids: readonly string[] | null,
  plan: (ids: readonly string[]) => Promise<AnyPlan>,
  reportError: (action: string, error: unknown) => void,
  what: string,
) {
  const [reasons, setReasons] = useState<ReadonlyMap<string, BlockReason[]> | null>(null);
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!ids) return undefined;
    let live = true;
    if (ids.length === 0) {
      setReasons(new Map());
      return undefined;
    }
    plan(ids).then(
      (p) => live && setReasons(new Map(p.blocked.map((b) => [b.sourceId, b.reasons]))),
      (e: unknown) => {
        if (!live) return;
        // The list stays usable: Import/Export Selected checks each one again anyway.
        setReasons(new Map());
        reportError(`Could not check which ${what} can go`, e);
      },
    );
    return () => {
      live = false;
    };
  }, [ids, plan, reportError, what, round]);

  const recheck = useCallback(() => setRound((n) => n + 1), []);
  return { reasons, recheck };
}
