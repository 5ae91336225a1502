/**
 * Connects an add-in page (panel or commands runtime) to the OfficeTools window that frames it,
 * or says why it cannot: the page is not framed at all, or its parent is not a trusted host.
 */
import { createHostClient, type HostClient } from './client';
import { readTrustedHostOrigins } from './trusted-origins';

export type PageHost = { host: HostClient } | { host: null; reason: 'not-framed' | 'untrusted-parent' };

export function connectPageToHost(page: Window, timeoutMs?: number): PageHost {
  if (page.parent === page) return { host: null, reason: 'not-framed' };
  const trustedOrigins = readTrustedHostOrigins(page.document);
  if (trustedOrigins.length === 0) return { host: null, reason: 'untrusted-parent' };
  return { host: createHostClient({ target: page.parent, trustedOrigins, timeoutMs, self: page }) };
}
