/**
 * The shell's JSON REST API: the firm data the page shows and edits (and that the host bridge
 * serves to the add-in), per-user add-in installs, the catalog, identity tokens, and the
 * test-only routes that end-to-end tests and benchmarks drive. Bodies are parsed by
 * firm-validation, rules live in the FirmStore; every change is on disk before the answer goes out.
 *
 * Every route acts for the signed-in user (the X-OfficeTools-User header, see server.ts) and
 * sees only that user's firm.
 */
import type { IncomingMessage } from 'node:http';
import type { HostUser } from '../../src/sync/host/protocol';
import type { AddinOrigins } from './addin-origins';
import { fetchManifest } from './catalog';
import type { CatalogEntry } from './firm-data';
import type { FirmRegistry } from './firm-registry';
import type { FirmStore } from './firm-store';
import type { IdentityKeys } from './identity-keys';
import { signIdentityToken } from './identity-token';
import { expectObject, parseCodeInput, parseContactInput, parseEmployeeInput, parsePaymentInput } from './firm-validation';
import { readJsonBody } from './http-json';
import { InputError } from './input-error';

export interface ApiReply {
  status: number;
  /** JSON body, or a string sent as XML (the manifest). */
  body: unknown;
  contentType?: string;
}

/** What the identity routes need: the keys, the add-ins' origins, and the issuer to name. */
export interface IdentityContext {
  keys: IdentityKeys;
  origins: AddinOrigins;
  /** The `iss` of tokens signed for this request. */
  issuer(req: IncomingMessage): string;
}

/** What every route works with besides the request. */
export interface ApiServices {
  registry: FirmRegistry;
  catalog: readonly CatalogEntry[];
  identity: IdentityContext;
}

interface Ctx extends ApiServices {
  req: IncomingMessage;
  query: URLSearchParams;
  /** The signed-in user's firm. */
  store: FirmStore;
  user: HostUser;
  body(): Promise<unknown>;
}

interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  pattern: RegExp;
  /** Whether the route changes firm data (it is then saved before answering). */
  writes: boolean;
  handle(ctx: Ctx, params: string[]): Promise<ApiReply> | ApiReply;
}

const ok = (body: unknown, status = 200): ApiReply => ({ status, body });

function catalogEntry(catalog: readonly CatalogEntry[], id: string): CatalogEntry {
  const entry = catalog.find((e) => e.id === id);
  if (!entry) throw new InputError('not_found', `No add-in "${id}" in the catalog; GET /api/catalog lists the add-ins (${catalog.map((e) => e.id).join(', ') || 'none'}).`);
  return entry;
}

/** The audience must be a bare http(s) origin, as the add-in's page sees its own `location.origin`. */
function audienceOrigin(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new InputError('invalid_input', 'audience is required: the origin of the add-in the token is for, e.g. "http://127.0.0.1:3001".');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError('invalid_input', `audience "${value}" is not a URL; send the add-in's origin, e.g. "http://127.0.0.1:3001".`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== value) {
    throw new InputError('invalid_input', `audience "${value}" must be an http(s) origin only (scheme, host, port, no path or trailing slash), e.g. "${url.origin}".`);
  }
  return value;
}

function optionalId(query: URLSearchParams, key: string): string | undefined {
  const value = query.get(key);
  return value === null || value === '' ? undefined : value;
}

const CODE_KINDS = { workCodes: 'workCode', expenseCodes: 'expenseCode' } as const;

function codeRoutes(segment: 'workCodes' | 'expenseCodes'): Route[] {
  const kind = CODE_KINDS[segment];
  return [
    { method: 'GET', pattern: new RegExp(`^/api/firm/${segment}$`), writes: false, handle: ({ store }) => ok(store.listCodes(kind)) },
    {
      method: 'POST',
      pattern: new RegExp(`^/api/firm/${segment}$`),
      writes: true,
      handle: async ({ store, body }) => ok(store.createCode(kind, parseCodeInput(kind, await body(), 'create')), 201),
    },
    { method: 'GET', pattern: new RegExp(`^/api/firm/${segment}/([^/]+)$`), writes: false, handle: ({ store }, [id]) => ok(store.getCode(kind, id)) },
    {
      method: 'PATCH',
      pattern: new RegExp(`^/api/firm/${segment}/([^/]+)$`),
      writes: true,
      handle: async ({ store, body }, [id]) => {
        store.getCode(kind, id);
        return ok(store.updateCode(kind, id, parseCodeInput(kind, await body(), 'patch')));
      },
    },
  ];
}

const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/api\/firm$/, writes: false, handle: ({ store }) => ok({ firmId: store.firmId, firmName: store.firmName }) },
  /** Everyone who can sign in, with their firm: the page's "Signed in as" list (a stand-in's sign-in, not security). */
  { method: 'GET', pattern: /^\/api\/users$/, writes: false, handle: ({ registry }) => ok(registry.users()) },
  /** The signed-in user and firm, as host.info reports them. */
  { method: 'GET', pattern: /^\/api\/me$/, writes: false, handle: ({ store, user }) => ok({ firmId: store.firmId, firmName: store.firmName, user }) },
  {
    method: 'POST',
    pattern: /^\/api\/identity\/token$/,
    writes: false,
    handle: async ({ store, user, catalog, identity, req, body }) => {
      const input = expectObject((await body()) ?? {}, 'identity token request');
      const extra = Object.keys(input).filter((k) => k !== 'audience');
      if (extra.length) throw new InputError('invalid_input', `The identity token request accepts only {"audience": "<add-in origin>"}; unknown field(s): ${extra.join(', ')}.`);
      const audience = audienceOrigin(input.audience);
      const addinId = await identity.origins.installedAddinAt(audience, store.installedAddins(user.id), catalog);
      if (!addinId) {
        throw new InputError('audience_not_installed', `${user.name} has no add-in installed at ${audience}; identity tokens are issued only for the origin of an installed add-in (Setup > Add-ins).`);
      }
      return ok(await signIdentityToken(identity.keys, { issuer: identity.issuer(req), audience, user, firmId: store.firmId, firmName: store.firmName }));
    },
  },
  { method: 'GET', pattern: /^\/api\/firm\/contactTypes$/, writes: false, handle: ({ store }) => ok(store.listContactTypes()) },
  { method: 'GET', pattern: /^\/api\/firm\/accounts$/, writes: false, handle: ({ store }) => ok(store.listAccounts()) },
  { method: 'GET', pattern: /^\/api\/firm\/lineItems$/, writes: false, handle: ({ store }) => ok(store.listLineItems()) },

  {
    method: 'GET',
    pattern: /^\/api\/firm\/contacts$/,
    writes: false,
    handle: ({ store, query }) => {
      const typeIds = query.get('typeIds');
      return ok(store.listContacts(typeIds === null ? undefined : typeIds.split(',').filter(Boolean)));
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/firm\/contacts$/,
    writes: true,
    handle: async ({ store, body }) => ok(store.createContact(parseContactInput(await body(), 'create')), 201),
  },
  { method: 'GET', pattern: /^\/api\/firm\/contacts\/([^/]+)$/, writes: false, handle: ({ store }, [id]) => ok(store.getContact(id)) },
  {
    method: 'PATCH',
    pattern: /^\/api\/firm\/contacts\/([^/]+)$/,
    writes: true,
    handle: async ({ store, body }, [id]) => {
      store.getContact(id);
      return ok(store.updateContact(id, parseContactInput(await body(), 'patch')).contact);
    },
  },

  { method: 'GET', pattern: /^\/api\/firm\/employees$/, writes: false, handle: ({ store }) => ok(store.listEmployees()) },
  {
    method: 'POST',
    pattern: /^\/api\/firm\/employees$/,
    writes: true,
    handle: async ({ store, body }) => ok(store.createEmployee(parseEmployeeInput(await body(), 'create')), 201),
  },
  { method: 'GET', pattern: /^\/api\/firm\/employees\/([^/]+)$/, writes: false, handle: ({ store }, [id]) => ok(store.getEmployee(id)) },
  {
    method: 'PATCH',
    pattern: /^\/api\/firm\/employees\/([^/]+)$/,
    writes: true,
    handle: async ({ store, body }, [id]) => {
      store.getEmployee(id);
      return ok(store.updateEmployee(id, parseEmployeeInput(await body(), 'patch')));
    },
  },
  ...codeRoutes('workCodes'),
  ...codeRoutes('expenseCodes'),

  { method: 'GET', pattern: /^\/api\/firm\/invoices$/, writes: false, handle: ({ store, query }) => ok(store.listInvoices(optionalId(query, 'contactId'))) },
  { method: 'GET', pattern: /^\/api\/firm\/invoices\/([^/]+)$/, writes: false, handle: ({ store }, [id]) => ok(store.getInvoice(id)) },
  { method: 'GET', pattern: /^\/api\/firm\/payments$/, writes: false, handle: ({ store, query }) => ok(store.listPayments(optionalId(query, 'contactId'))) },
  {
    method: 'POST',
    pattern: /^\/api\/firm\/payments$/,
    writes: true,
    handle: async ({ store, body }) => ok(store.createPayment(parsePaymentInput(await body())), 201),
  },
  { method: 'GET', pattern: /^\/api\/firm\/payments\/([^/]+)$/, writes: false, handle: ({ store }, [id]) => ok(store.getPayment(id)) },

  { method: 'GET', pattern: /^\/api\/firm\/users$/, writes: false, handle: ({ store }) => ok(store.listUsers()) },
  {
    method: 'GET',
    pattern: /^\/api\/users\/([^/]+)\/addins$/,
    writes: false,
    handle: ({ store }, [userId]) => ok({ userId, addins: store.installedAddins(userId) }),
  },
  {
    method: 'GET',
    pattern: /^\/api\/users\/([^/]+)\/addins\/([^/]+)$/,
    writes: false,
    handle: ({ store }, [userId, addinId]) => {
      if (!store.installedAddins(userId).includes(addinId)) {
        throw new InputError('not_installed', `Add-in "${addinId}" is not installed for user ${userId}; install it with PUT on this URL.`);
      }
      return ok({ userId, addinId, installed: true });
    },
  },
  {
    method: 'PUT',
    pattern: /^\/api\/users\/([^/]+)\/addins\/([^/]+)$/,
    writes: true,
    handle: ({ store, catalog }, [userId, addinId]) => {
      catalogEntry(catalog, addinId);
      store.install(userId, addinId);
      return ok({ userId, addinId, installed: true });
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/api\/users\/([^/]+)\/addins\/([^/]+)$/,
    writes: true,
    handle: ({ store }, [userId, addinId]) => ok({ userId, addinId, installed: false, wasInstalled: store.uninstall(userId, addinId) }),
  },

  { method: 'GET', pattern: /^\/api\/catalog$/, writes: false, handle: ({ catalog }) => ok(catalog) },
  {
    method: 'GET',
    pattern: /^\/api\/catalog\/([^/]+)\/manifest$/,
    writes: false,
    handle: async ({ catalog }, [id]) => ({ status: 200, body: await fetchManifest(catalogEntry(catalog, id)), contentType: 'application/xml; charset=utf-8' }),
  },

  {
    method: 'POST',
    pattern: /^\/__shell\/reset$/,
    writes: true,
    handle: async ({ registry, store }) => {
      registry.reset();
      await registry.persist();
      return ok({ reset: true, contacts: store.listContacts().length });
    },
  },
  {
    method: 'POST',
    pattern: /^\/__shell\/identity\/rotate$/,
    writes: false,
    handle: async ({ identity }) => ok({ kid: await identity.keys.rotate(), jwks: identity.keys.jwks() }),
  },
  {
    method: 'POST',
    pattern: /^\/__shell\/seed$/,
    writes: true,
    handle: async ({ store, body }) => {
      const input = expectObject(await body(), 'seed');
      const extra = Object.keys(input).filter((k) => k !== 'contacts');
      if (extra.length) throw new InputError('invalid_input', `seed accepts only {"contacts": N}; unknown field(s): ${extra.join(', ')}.`);
      return ok(store.seedContacts(input.contacts as number));
    },
  },
];

export type RouteMatch = { route: Route; params: string[] } | { allowed: string[] } | undefined;

export function matchRoute(method: string, pathname: string): RouteMatch {
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    if (route.method === method) {
      try {
        return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
      } catch {
        return undefined;
      }
    }
    allowed.push(route.method);
  }
  return allowed.length ? { allowed } : undefined;
}

/** The header the shell page sends with every API call: the signed-in user's id. */
export const USER_HEADER = 'x-officetools-user';

export async function runRoute(match: { route: Route; params: string[] }, req: IncomingMessage, query: URLSearchParams, services: ApiServices): Promise<ApiReply> {
  const header = req.headers[USER_HEADER];
  const { store, user } = services.registry.signIn(Array.isArray(header) ? header[0] : header);
  const reply = await match.route.handle({ ...services, req, query, store, user, body: () => readJsonBody(req) }, match.params);
  if (match.route.writes) await store.persist();
  return reply;
}
