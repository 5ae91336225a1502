/**
 * Everything a page (the panel, the commands runtime) uses to reach the proxy, built once from
 * the host's identity: the AuthFetch, the proxy client and the QBO relay gateways. They share
 * one identity-token cache, so a burst of relay calls and status checks asks the host once, and
 * a token the proxy refused is replaced for all of them.
 */
import type { QboGateway } from '../qbo/gateway';
import type { Pacer } from '../qbo/pacer';
import { createQboGateway } from '../qbo/qbo-client';
import { createAuthFetch, createIdentityTokens, type AuthFetch } from './proxy-auth';
import { createProxyClient, type ProxyClient } from './proxy-client';

export interface ProxyConnection {
  authFetch: AuthFetch;
  proxy: ProxyClient;
  /** A gateway through the proxy's relay for the firm's company. */
  relayGateway(realmId: string, pacer?: Pacer): QboGateway;
}

export interface ProxyConnectionOptions {
  /** The proxy's origin: the add-in's own (`location.origin`). */
  baseUrl: string;
  getIdentityToken(forceRefresh: boolean): Promise<string>;
  /** @defaultvalue globalThis.fetch */
  fetch?: typeof fetch;
  now?: () => number;
}

export function connectToProxy(options: ProxyConnectionOptions): ProxyConnection {
  const base = options.baseUrl.replace(/\/+$/, '');
  const tokens = createIdentityTokens(options);
  const authFetch = createAuthFetch({ baseUrl: base, getIdentityToken: options.getIdentityToken, fetch: options.fetch, tokens });
  return {
    authFetch,
    proxy: createProxyClient(authFetch, base),
    relayGateway: (realmId, pacer) =>
      createQboGateway({
        baseUrl: `${base}/api/qbo`,
        realmId,
        pacer,
        authorize: async (forceRefresh) => ({ Authorization: `Bearer ${await tokens.token(forceRefresh)}` }),
      }),
  };
}
