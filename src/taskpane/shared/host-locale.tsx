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
import { adoptHostLocale } from '../../sync/format/display-locale';
import type { PanelHost } from './panel-services';

// The asking lives in src/sync, where the commands runtime (no React) uses it too.
export { adoptHostLocale, HOST_LOCALE_WAIT_MS } from '../../sync/format/display-locale';

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
