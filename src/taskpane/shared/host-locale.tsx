/**
 * The locale OfficeTools' user works in (host.info `locale`) becomes the one every date, amount
 * and count of this frame is shown in (locale-format.ts). It is fixed for the life of the frame:
 * OfficeTools reloads its add-in frames when the user changes it, as it does for its own screens.
 *
 * The frame's content waits for host.info before it first renders (a message to the host window
 * and back, a few milliseconds), so nothing is ever shown in one format and then another. A host
 * that does not answer in time, or answers without a locale (an older OfficeTools), leaves the
 * browser's language.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { setHostLocale } from './locale-format';
import type { PanelHost } from './panel-services';

/** How long the first render waits for host.info before it goes on with the browser's locale. */
export const HOST_LOCALE_WAIT_MS = 1500;

/** Asks the host for its locale and makes it the display locale; resolves with the one in use. */
export async function adoptHostLocale(host: Pick<PanelHost, 'request'>, waitMs = HOST_LOCALE_WAIT_MS): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), waitMs);
  });
  try {
    const info = await Promise.race([host.request('host.info', {}).catch(() => undefined), late]);
    return setHostLocale(typeof info?.locale === 'string' ? info.locale : undefined);
  } finally {
    clearTimeout(timer);
  }
}

/** Renders its children once the host's locale is in force (at once without a host). */
export function HostLocaleGate({ host, children, waitMs }: { host: PanelHost | null; children: ReactNode; waitMs?: number }) {
  const [ready, setReady] = useState(host === null);
  useEffect(() => {
    if (!host) return undefined;
    let live = true;
    void adoptHostLocale(host, waitMs).then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [host, waitMs]);
  return ready ? <>{children}</> : null;
}
