/**
 * Test-only fault injection: the next N requests that match fail with a given status and
 * body, are delayed, or lose their connection (before the work, or after the write was
 * committed — the case that makes clients prove their requestid retries are safe), or are held
 * before committing until a test releases them (a write that lands long after the client gave up).
 */
import type { Json } from './http-io';

export interface FaultMatch {
  /** HTTP method, e.g. POST. */
  method?: string;
  /** Substring or /regex/ of the path (without query string). */
  path?: string;
  /** Logged operation, e.g. "invoice.create", "query.customer", "batch", "token.refresh". */
  operation?: string;
  realmId?: string;
}

export type FaultAction =
  | { type: 'status'; status: number; body?: Json; headers?: Record<string, string> }
  | { type: 'delay'; ms: number }
  | { type: 'drop' }
  | { type: 'drop-after-commit' }
  /** QuickBooks received the request and commits it only when the hold ends (see held-requests.ts). */
  | { type: 'hold'; seconds: number };

export interface FaultRule {
  id: number;
  match: FaultMatch;
  action: FaultAction;
  remaining: number;
}

export interface RequestFacts {
  method: string;
  path: string;
  operation?: string;
  realmId?: string;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(match: FaultMatch, action: FaultAction, count: number): FaultRule {
    const rule = { id: this.nextId++, match, action, remaining: count };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules;
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * Takes the first matching rule of one of the given kinds and uses up one of its count.
   * Rules that match on operation are only checked once the operation is known.
   */
  take(facts: RequestFacts, kinds: ReadonlyArray<FaultAction['type']>): FaultAction | undefined {
    for (const rule of this.rules) {
      if (!kinds.includes(rule.action.type) || !matches(rule.match, facts)) continue;
      rule.remaining--;
      if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
      return rule.action;
    }
    return undefined;
  }
}

function matches(m: FaultMatch, f: RequestFacts): boolean {
  if (m.method && m.method.toUpperCase() !== f.method) return false;
  if (m.realmId && m.realmId !== f.realmId) return false;
  if (m.path) {
    const re = /^\/(.*)\/([a-z]*)$/.exec(m.path);
    if (re ? !new RegExp(re[1], re[2]).test(f.path) : !f.path.includes(m.path)) return false;
  }
  if (m.operation) {
    if (!f.operation) return false;
    if (f.operation !== m.operation && !f.operation.startsWith(`${m.operation}.`)) return false;
  }
  return true;
}
