/**
 * QBO reads shared for a few seconds. The Payment Import window lists QBO's payments and plans
 * them right away (to show why a row cannot go), and again after each run: every one of those
 * reads the same payments, customers and invoices. Read once per short window, they stay far
 * inside QBO's 10-requests-a-second limit, where a throttle would cost the user a minute.
 * Only reads are shared; writes (batch) always go through.
 */
import type { QueryAllOptions } from '../qbo/gateway';
import type { BillingGateway } from './billing-ports';

export interface RecentReads {
  /** A gateway whose `queryAll` answers repeat questions from the last `ttlMs`. */
  gateway(): BillingGateway;
}

export function createRecentReads(open: () => BillingGateway, ttlMs: number, now: () => number = () => Date.now()): RecentReads {
  let current: { since: number; gateway: BillingGateway } | undefined;
  return {
    gateway() {
      const at = now();
      if (current && at - current.since < ttlMs) return current.gateway;
      const inner = open();
      const answers = new Map<string, Promise<unknown[]>>();
      const gateway: BillingGateway = {
        realmId: inner.realmId,
        query: (sql) => inner.query(sql),
        batch: (...args) => inner.batch(...args),
        queryAll<T>(entity: string, where?: Parameters<BillingGateway['queryAll']>[1], options?: QueryAllOptions<T>): Promise<T[]> {
          // A caller watching pages (onPage) must see them: such reads are not shared.
          if (options?.onPage) return inner.queryAll<T>(entity, where, options);
          const key = JSON.stringify([entity, where ?? null, options ?? null]);
          let answer = answers.get(key) as Promise<T[]> | undefined;
          if (!answer) {
            answer = inner.queryAll<T>(entity, where, options);
            answers.set(key, answer);
            // A failed read is asked again next time, not remembered.
            answer.catch(() => answers.delete(key));
          }
          return answer;
        },
      };
      current = { since: at, gateway };
      return gateway;
    },
  };
}
