/**
 * The pre-flight check of one company as the panel runs it after a connect and on "Check
 * QuickBooks company": the firm's side from the host, the firm's links and settings, QBO's side
 * through the gateway, then the pure checks. Reads only; nothing is written anywhere.
 */
import type { HostClient } from '../host/client';
import type { QboGateway } from '../qbo/gateway';
import type { LinkStore } from '../store/link-store';
import { PREFLIGHT_CHECKS, runPreflightChecks } from './preflight-checks';
import type { FirmSide, LinkedCode, PreflightReport } from './preflight-types';
import { readCompanyFacts } from './read-company-facts';

export interface PreflightDeps {
  host: Pick<HostClient, 'request'>;
  gateway: Pick<QboGateway, 'queryAll'>;
  links: Pick<LinkStore, 'list'>;
  settings(): Promise<FirmSide['settings']>;
  companyName: string;
  /** @defaultvalue Date.now */
  now?: () => number;
}

function codeName(code: { number?: unknown; description?: unknown } | undefined, fallback: string): string {
  if (!code) return fallback;
  const text = [code.number, code.description].filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(' ');
  return text || fallback;
}

async function firmSide(deps: PreflightDeps): Promise<FirmSide> {
  const [settings, lineItems, accounts, workCodes, expenseCodes, workLinks, expenseLinks] = await Promise.all([
    deps.settings(),
    deps.host.request('lineItems.list', {}),
    deps.host.request('accounts.list', {}),
    deps.host.request('workCodes.list', {}),
    deps.host.request('expenseCodes.list', {}),
    deps.links.list('workCode'),
    deps.links.list('expenseCode'),
  ]);
  const work = new Map(workCodes.map((c) => [c.id, c]));
  const expense = new Map(expenseCodes.map((c) => [c.id, c]));
  const linkedCodes: LinkedCode[] = [
    ...workLinks.map((l): LinkedCode => ({ kind: 'workCode', name: codeName(work.get(l.otId), `work code ${l.otId}`), qboId: l.qboId })),
    ...expenseLinks.map((l): LinkedCode => ({ kind: 'expenseCode', name: codeName(expense.get(l.otId), `expense code ${l.otId}`), qboId: l.qboId })),
  ];
  return { settings, lineItems, accounts, linkedCodes };
}

export async function runPreflight(deps: PreflightDeps): Promise<PreflightReport> {
  const firm = await firmSide(deps);
  const facts = await readCompanyFacts(deps.gateway, deps.companyName, firm);
  return {
    companyName: deps.companyName,
    checkedAt: new Date((deps.now ?? Date.now)()).toISOString(),
    findings: runPreflightChecks(facts, firm),
    checked: PREFLIGHT_CHECKS.map((c) => c.covers),
  };
}
