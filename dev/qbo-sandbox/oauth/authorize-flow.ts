/**
 * Intuit's sign-in and consent pages (GET /connect/oauth2): sign in, choose a company,
 * Connect or Cancel, then back to the app's redirect_uri with code, state and realmId.
 * Bad client_id or redirect_uri shows an error page and never redirects (RFC 6749 §4.1.2.1).
 * The pages carry stable labels and ids for end-to-end tests.
 */
import { randomBytes } from 'node:crypto';
import type { SandboxClock } from '../clock';
import { escapeHtml } from '../http-io';
import type { OAuthService } from './oauth-service';
import { SCOPES } from './oauth-service';

export interface DemoUser {
  email: string;
  password: string;
  sub: string;
  givenName: string;
  familyName: string;
}

export interface CompanyChoice {
  realmId: string;
  name: string;
}

interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | null;
  signedIn: boolean;
  expiresAt: number;
}

export type FlowResult = { kind: 'page'; status: number; html: string } | { kind: 'redirect'; location: string };

const SESSION_MS = 30 * 60 * 1000;

export class AuthorizeFlow {
  private readonly pending = new Map<string, PendingAuthorization>();

  constructor(
    private readonly oauth: OAuthService,
    private readonly user: DemoUser,
    private readonly companies: () => CompanyChoice[],
    private readonly clock: SandboxClock,
  ) {}

  start(params: URLSearchParams): FlowResult {
    const clientId = params.get('client_id') ?? '';
    const redirectUri = params.get('redirect_uri') ?? '';
    const app = this.oauth.app(clientId);
    if (!app) return errorPage('The app that sent you here is not registered (unknown client_id). Check the app\'s Client ID.');
    if (!app.redirectUris.includes(redirectUri)) {
      return errorPage('The redirect URI this app asked for is not registered for it. Add it to the app\'s redirect URIs, exactly as sent.');
    }
    const state = params.get('state');
    const stateParam: Record<string, string> = state !== null ? { state } : {};
    const back = (error: string) => ({ kind: 'redirect' as const, location: withQuery(redirectUri, { error, ...stateParam }) });
    if (params.get('response_type') !== 'code') return back('unsupported_response_type');
    const scopes = this.oauth.parseScopes(params.get('scope') ?? undefined);
    // This sandbox only grants company access, so the accounting scope is required (stricter).
    if (!scopes || !scopes.includes(SCOPES.accounting)) return back('invalid_scope');
    const id = randomBytes(18).toString('base64url');
    this.pending.set(id, { clientId, redirectUri, scopes, state, signedIn: false, expiresAt: this.clock.now() + SESSION_MS });
    return this.signInPage(id, '');
  }

  signIn(form: URLSearchParams): FlowResult {
    const id = form.get('session') ?? '';
    const pending = this.live(id);
    if (!pending) return errorPage('This sign-in page has expired. Go back to the app and connect again.');
    const email = (form.get('email') ?? '').trim().toLowerCase();
    const password = form.get('password') ?? '';
    if (email !== this.user.email.toLowerCase() || password !== this.user.password) {
      return this.signInPage(id, 'The email or password is not right. Try again.');
    }
    pending.signedIn = true;
    return this.consentPage(id);
  }

  decide(form: URLSearchParams): FlowResult {
    const id = form.get('session') ?? '';
    const pending = this.live(id);
    if (!pending || !pending.signedIn) return errorPage('This consent page has expired. Go back to the app and connect again.');
    const stateParam: Record<string, string> = pending.state !== null ? { state: pending.state } : {};
    if (form.get('action') !== 'connect') {
      this.pending.delete(id);
      return { kind: 'redirect', location: withQuery(pending.redirectUri, { error: 'access_denied', ...stateParam }) };
    }
    const realmId = form.get('realmId') ?? '';
    if (!this.companies().some((c) => c.realmId === realmId)) return this.consentPage(id, 'Choose a company to connect.');
    this.pending.delete(id);
    const code = this.oauth.issueCode({ clientId: pending.clientId, redirectUri: pending.redirectUri, realmId, scopes: pending.scopes, userSub: this.user.sub });
    return { kind: 'redirect', location: withQuery(pending.redirectUri, { code, ...stateParam, realmId }) };
  }

  private live(id: string): PendingAuthorization | undefined {
    const pending = this.pending.get(id);
    if (!pending) return undefined;
    if (pending.expiresAt <= this.clock.now()) {
      this.pending.delete(id);
      return undefined;
    }
    return pending;
  }

  private signInPage(id: string, error: string): FlowResult {
    const body = `
<h1>Sign in</h1>
<p class="sub">One account for everything Intuit, including QuickBooks.</p>
<p class="hint" id="sandbox-hint">QuickBooks sandbox: sign in as <b>${escapeHtml(this.user.email)}</b> with password <b>${escapeHtml(this.user.password)}</b>.</p>
${error ? `<p class="error" role="alert" id="signin-error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/connect/oauth2/signin" id="signin-form">
  <input type="hidden" name="session" value="${escapeHtml(id)}">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" required>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit" id="sign-in">Sign In</button>
</form>`;
    return { kind: 'page', status: error ? 401 : 200, html: page('Sign in to QuickBooks', body) };
  }

  private consentPage(id: string, error = ''): FlowResult {
    const pending = this.pending.get(id)!;
    const choices = this.companies();
    const radios = choices
      .map(
        (c, i) => `<div class="choice"><input type="radio" id="company-${escapeHtml(c.realmId)}" name="realmId" value="${escapeHtml(c.realmId)}"${i === 0 ? ' checked' : ''}>
  <label for="company-${escapeHtml(c.realmId)}">${escapeHtml(c.name)}</label></div>`,
      )
      .join('\n');
    const body = `
<h1>Connect your QuickBooks company</h1>
<p class="sub">The app <b>${escapeHtml(pending.clientId)}</b> wants to read and change your QuickBooks accounting data.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/connect/oauth2/consent" id="consent-form">
  <input type="hidden" name="session" value="${escapeHtml(id)}">
  <fieldset role="radiogroup" aria-labelledby="company-label">
    <legend id="company-label">Company</legend>
    ${radios}
  </fieldset>
  <div class="buttons">
    <button type="submit" name="action" value="cancel" id="cancel" class="secondary">Cancel</button>
    <button type="submit" name="action" value="connect" id="connect">Connect</button>
  </div>
</form>`;
    return { kind: 'page', status: 200, html: page('Connect to QuickBooks', body) };
  }
}

function errorPage(message: string): FlowResult {
  return { kind: 'page', status: 400, html: page('Something went wrong', `<h1>Something went wrong</h1><p class="error" role="alert" id="authorize-error">${escapeHtml(message)}</p>`) };
}

function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f8;margin:0;color:#393a3d}
main{max-width:400px;margin:48px auto;background:#fff;border-radius:8px;padding:32px;box-shadow:0 2px 8px rgba(0,0,0,.12)}
.brand{color:#2ca01c;font-weight:700;letter-spacing:.02em;margin-bottom:16px}
h1{font-size:22px;margin:0 0 8px}.sub{color:#6b6c72;margin-top:0}
label{display:block;margin:16px 0 4px;font-weight:600}
input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:10px;border:1px solid #8d9096;border-radius:4px;font-size:15px}
fieldset{border:1px solid #d4d7dc;border-radius:4px;margin:16px 0}legend{font-weight:600}
.choice{display:flex;align-items:center;gap:8px}.choice label{display:inline;font-weight:400;margin:8px 0}
button{margin-top:20px;padding:10px 18px;border:0;border-radius:4px;background:#2ca01c;color:#fff;font-size:15px;font-weight:600;cursor:pointer}
button.secondary{background:#fff;color:#393a3d;border:1px solid #8d9096}.buttons{display:flex;gap:12px;justify-content:flex-end}
.hint{background:#eef7ff;border:1px solid #b8dcff;padding:8px;border-radius:4px;font-size:13px}
.error{background:#fdecea;border:1px solid #f5a9a1;padding:8px;border-radius:4px}
</style></head>
<body><main><div class="brand">intuit quickbooks · sandbox</div>${body}</main></body></html>`;
}
