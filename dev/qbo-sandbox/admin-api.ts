/**
 * Test-only controls under /__sandbox/ (reset, seed, tokens, log, faults, clock, limits).
 * Every route is listed with examples in README.md. They answer plain JSON, never the
 * QuickBooks shapes, so they cannot be mistaken for the API.
 */
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { SandboxClock } from './clock';
import { isJsonObject, sendJson, type Json, type JsonObject } from './http-io';
import type { OAuthService } from './oauth/oauth-service';
import { SCOPES } from './oauth/oauth-service';
import type { AuthorizeFlow } from './oauth/authorize-flow';
import type { CompanyRegistry } from './store/company-registry';
import type { V3Api } from './api/v3-api';
import type { RateLimiter } from './rate-limiter';
import type { FaultAction, FaultInjector, FaultMatch } from './fault-injector';
import type { HeldRequests } from './held-requests';
import type { RequestLog } from './request-log';
import { buildDemoCompanies, DEMO_USER_PROFILE } from './demo-companies';
import { SEED_MAX, seedCompany, type SeedRequest } from './seed-company';
import { DEFAULT_LIMITS, type SandboxLimits } from './sandbox-types';

export interface SandboxContext {
  clock: SandboxClock;
  companies: CompanyRegistry;
  oauth: OAuthService;
  api: V3Api;
  limiter: RateLimiter;
  faults: FaultInjector;
  holds: HeldRequests;
  log: RequestLog;
  flow: AuthorizeFlow;
  initialLimits: Partial<SandboxLimits> | false | undefined;
  baseUrl: string;
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parseBody(body: string): JsonObject {
  if (!body.trim()) return {};
  let parsed: Json;
  try {
    parsed = JSON.parse(body) as Json;
  } catch {
    throw new AdminError(400, 'The body is not valid JSON.');
  }
  if (!isJsonObject(parsed)) throw new AdminError(400, 'The body must be a JSON object.');
  return parsed;
}

function count(v: Json | undefined, name: string, max: number): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) throw new AdminError(400, `${name} must be a whole number from 0 to ${max}.`);
  return v;
}

function realmOf(ctx: SandboxContext, v: Json | string | null | undefined): string {
  const realmId = typeof v === 'string' && v ? v : ctx.companies.realmIds()[0];
  if (!realmId || !ctx.companies.get(realmId)) throw new AdminError(404, `No company with realmId ${String(v)}. Known: ${ctx.companies.realmIds().join(', ')}.`);
  return realmId;
}

export async function handleAdmin(ctx: SandboxContext, method: string, path: string, params: URLSearchParams, rawBody: string, res: ServerResponse): Promise<void> {
  try {
    const route = `${method} ${path.replace(/\/+$/, '')}`;
    const body = method === 'POST' ? parseBody(rawBody) : {};
    switch (route) {
      case 'GET /__sandbox/health':
        return sendJson(res, 200, { ok: true, realms: ctx.companies.realmIds(), now: new Date(ctx.clock.now()).toISOString() });
      case 'POST /__sandbox/reset': {
        ctx.companies.wipe();
        ctx.clock.reset();
        for (const state of buildDemoCompanies(ctx.clock.now())) ctx.companies.put(state);
        if (body.keepTokens !== true) ctx.oauth.wipe();
        ctx.log.clear();
        ctx.faults.clear();
        ctx.holds.release();
        ctx.limiter.reset();
        ctx.limiter.configure(ctx.initialLimits ?? {});
        return sendJson(res, 200, { ok: true, realms: ctx.companies.realmIds() });
      }
      case 'POST /__sandbox/seed': {
        const realmId = realmOf(ctx, body.realmId);
        const request: SeedRequest = { seed: count(body.seed, 'seed', 2 ** 31) };
        for (const key of Object.keys(SEED_MAX) as Array<keyof typeof SEED_MAX>) request[key] = count(body[key], key, SEED_MAX[key]);
        const log = ctx.companies.get(realmId)!;
        const started = performance.now();
        let counts;
        try {
          counts = seedCompany(log.state, request, ctx.clock.now());
        } catch (err) {
          throw new AdminError(400, err instanceof Error ? err.message : String(err));
        } finally {
          // Persist whatever was added (seeding applies in memory first).
          log.compact();
        }
        return sendJson(res, 200, { realmId, created: counts, ms: Math.round(performance.now() - started) });
      }
      case 'POST /__sandbox/tokens': {
        const realmId = realmOf(ctx, body.realmId);
        const clientId = typeof body.clientId === 'string' ? body.clientId : ctx.oauth.firstApp()?.clientId;
        const app = clientId ? ctx.oauth.app(clientId) : undefined;
        if (!app) throw new AdminError(400, 'No such app: pass clientId of an app given to createSandbox (or register one).');
        const scopes = Array.isArray(body.scopes) ? body.scopes.map(String) : [SCOPES.accounting, SCOPES.openid, SCOPES.profile, SCOPES.email];
        if (!ctx.oauth.parseScopes(scopes.join(' '))) throw new AdminError(400, `Unknown scope in ${scopes.join(' ')}.`);
        return sendJson(res, 200, { realmId, ...ctx.oauth.mint(app, realmId, scopes, DEMO_USER_PROFILE.sub) });
      }
      case 'POST /__sandbox/tokens/expire': {
        const kind = body.kind === undefined ? 'access' : body.kind;
        if (kind !== 'access' && kind !== 'refresh' && kind !== 'both') throw new AdminError(400, 'kind must be access, refresh or both.');
        const realmId = typeof body.realmId === 'string' ? body.realmId : undefined;
        ctx.oauth.expire({ realmId, kind });
        return sendJson(res, 200, { ok: true, expired: kind, realmId: realmId ?? 'all' });
      }
      case 'GET /__sandbox/log': {
        const limit = Math.min(2000, Math.max(0, Number(params.get('limit') ?? 200) || 0));
        return sendJson(res, 200, ctx.log.summary(limit, params.get('realmId') ?? undefined));
      }
      case 'DELETE /__sandbox/log':
        ctx.log.clear();
        return sendJson(res, 200, { ok: true });
      case 'GET /__sandbox/faults':
        return sendJson(res, 200, { rules: ctx.faults.list() });
      case 'DELETE /__sandbox/faults':
        ctx.faults.clear();
        return sendJson(res, 200, { ok: true });
      case 'POST /__sandbox/faults': {
        const match = parseMatch(body.match);
        const action = parseAction(body.action);
        const times = count(body.count, 'count', 1_000_000) ?? 1;
        if (times < 1) throw new AdminError(400, 'count must be at least 1.');
        return sendJson(res, 201, { rule: ctx.faults.add(match, action, times) });
      }
      case 'GET /__sandbox/holds':
        return sendJson(res, 200, { held: ctx.holds.list() });
      case 'POST /__sandbox/holds/release': {
        let ids: number[] | undefined;
        if (body.ids !== undefined) {
          if (!Array.isArray(body.ids) || !body.ids.every((id) => typeof id === 'number')) throw new AdminError(400, 'ids must be a list of held request ids (GET /__sandbox/holds).');
          ids = body.ids as number[];
        }
        return sendJson(res, 200, { released: ctx.holds.release(ids) });
      }
      case 'POST /__sandbox/preferences': {
        const realmId = realmOf(ctx, body.realmId);
        return sendJson(res, 200, { realmId, Preferences: setPreferences(ctx, realmId, body) });
      }
      case 'GET /__sandbox/clock':
        return sendJson(res, 200, clockView(ctx));
      case 'POST /__sandbox/clock': {
        if (body.reset === true) ctx.clock.reset();
        if (body.advanceSeconds !== undefined) {
          if (typeof body.advanceSeconds !== 'number' || !Number.isFinite(body.advanceSeconds) || body.advanceSeconds < 0) throw new AdminError(400, 'advanceSeconds must be a number ≥ 0 (the clock never goes back).');
          ctx.clock.advance(body.advanceSeconds * 1000);
        }
        if (body.speed !== undefined) {
          if (typeof body.speed !== 'number' || !(body.speed >= 1 && body.speed <= 10000)) throw new AdminError(400, 'speed must be a number from 1 to 10000.');
          ctx.clock.setSpeed(body.speed);
        }
        return sendJson(res, 200, clockView(ctx));
      }
      case 'GET /__sandbox/limits':
        return sendJson(res, 200, { limits: ctx.limiter.current() });
      case 'POST /__sandbox/limits': {
        if (body.enabled === false) ctx.limiter.configure(false);
        else {
          const next: Partial<SandboxLimits> = {};
          for (const key of Object.keys(DEFAULT_LIMITS) as Array<keyof SandboxLimits>) {
            const v = count(body[key], key, 1_000_000);
            if (v !== undefined) next[key] = v;
          }
          ctx.limiter.configure(next);
        }
        if (body.resetCounters !== false) ctx.limiter.reset();
        return sendJson(res, 200, { limits: ctx.limiter.current() });
      }
      default:
        throw new AdminError(404, `No sandbox control ${route}. See dev/qbo-sandbox/README.md.`);
    }
  } catch (err) {
    if (err instanceof AdminError) return sendJson(res, err.status, { error: 'sandbox_control', message: err.message });
    throw err;
  }
}

function clockView(ctx: SandboxContext): JsonObject {
  const now = ctx.clock.now();
  return { now: new Date(now).toISOString(), offsetMs: Math.round(now - Date.now()), speed: ctx.clock.getSpeed() };
}

function parseMatch(v: Json | undefined): FaultMatch {
  if (v === undefined || v === null) return {};
  if (!isJsonObject(v)) throw new AdminError(400, 'match must be an object {method?, path?, operation?, realmId?}.');
  const out: FaultMatch = {};
  for (const key of ['method', 'path', 'operation', 'realmId'] as const) {
    const value = v[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new AdminError(400, `match.${key} must be a string.`);
    out[key] = value;
  }
  for (const key of Object.keys(v)) if (!['method', 'path', 'operation', 'realmId'].includes(key)) throw new AdminError(400, `Unknown match field ${key}.`);
  return out;
}

function parseAction(v: Json | undefined): FaultAction {
  if (!isJsonObject(v)) throw new AdminError(400, 'action must be {"type":"status","status":503} | {"type":"delay","ms":500} | {"type":"drop"} | {"type":"drop-after-commit"} | {"type":"hold","seconds":30}.');
  switch (v.type) {
    case 'status': {
      if (typeof v.status !== 'number' || !Number.isInteger(v.status) || v.status < 200 || v.status > 599) throw new AdminError(400, 'action.status must be an HTTP status from 200 to 599.');
      const headers: Record<string, string> = {};
      if (v.headers !== undefined) {
        if (!isJsonObject(v.headers)) throw new AdminError(400, 'action.headers must be an object of strings.');
        for (const [k, h] of Object.entries(v.headers)) headers[k] = String(h);
      }
      return { type: 'status', status: v.status, body: v.body, headers };
    }
    case 'delay':
      if (typeof v.ms !== 'number' || v.ms < 0 || v.ms > 120000) throw new AdminError(400, 'action.ms must be from 0 to 120000.');
      return { type: 'delay', ms: v.ms };
    case 'drop':
      return { type: 'drop' };
    case 'drop-after-commit':
      return { type: 'drop-after-commit' };
    case 'hold':
      if (typeof v.seconds !== 'number' || !(v.seconds > 0) || v.seconds > 600) throw new AdminError(400, 'action.seconds must be a number above 0 and at most 600.');
      return { type: 'hold', seconds: v.seconds };
    default:
      throw new AdminError(400, `Unknown action type ${String(v.type)}.`);
  }
}

/**
 * Changes company preferences the API cannot change (QBO's Preferences update is not modelled):
 * `{SalesFormsPrefs:{CustomTxnNumbers:false}}` merges into the named sections, values must be
 * booleans, strings or numbers, and only existing sections can be changed.
 */
function setPreferences(ctx: SandboxContext, realmId: string, body: JsonObject): JsonObject {
  const log = ctx.companies.get(realmId)!;
  const prefs = log.state.tables.Preferences.get('1');
  if (!prefs) throw new AdminError(404, `Company ${realmId} has no Preferences.`);
  const next: JsonObject = { ...prefs };
  for (const [section, patch] of Object.entries(body)) {
    if (section === 'realmId') continue;
    const current = next[section];
    if (!isJsonObject(current)) throw new AdminError(400, `Preferences has no section ${section}.`);
    if (!isJsonObject(patch)) throw new AdminError(400, `${section} must be an object of values.`);
    for (const [k, v] of Object.entries(patch)) {
      if (typeof v !== 'boolean' && typeof v !== 'string' && typeof v !== 'number') throw new AdminError(400, `${section}.${k} must be a boolean, string or number.`);
    }
    next[section] = { ...current, ...patch };
  }
  log.state.tables.Preferences.set('1', next);
  // Persist the change as seeding does (applied in memory, then a new snapshot).
  log.compact();
  return next;
}
