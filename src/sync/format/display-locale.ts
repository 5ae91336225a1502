/**
 * The locale this frame shows everything in: the one OfficeTools says its user works in
 * (host.info `locale`), else the browser's first language, else en-US. It is a fact of the frame,
 * fixed for its life (OfficeTools reloads its add-in frames when the user changes it), so it is
 * held once here, where both the panel (src/taskpane/shared/host-locale.tsx) and the commands
 * runtime set it, and where the engine's messages for the user now (plan reasons, refusals,
 * "until 2:05 PM") read it when no LocaleFormat is handed to them.
 */
import type { HostClient } from '../host/client';
import { localeFormat, supportedLocale, type LocaleFormat } from './locale-format';

/** The host's locale for this frame, once host.info told it. */
let hostLocale: string | undefined;

/**
 * Makes `tag` (OfficeTools' locale for its user) the one everything is shown in; an unknown or
 * malformed tag, or none, leaves the browser's. Returns the locale now in use.
 */
export function setDisplayLocale(tag: string | undefined): string {
  hostLocale = supportedLocale(tag);
  return displayLocale();
}

/**
 * The locale everything is shown in: the host's when it told one, else the browser's first
 * language (an older OfficeTools that does not send it), `en-US` when neither is usable.
 */
export function displayLocale(nav: Pick<Navigator, 'language'> | undefined = globalThis.navigator): string {
  return hostLocale ?? supportedLocale(nav?.language) ?? 'en-US';
}

/** The formatting of the display locale. */
export function displayFormat(): LocaleFormat {
  return localeFormat(displayLocale());
}

/** How long a frame waits for host.info before it goes on with the browser's locale. */
export const HOST_LOCALE_WAIT_MS = 1500;

/** Asks the host for its locale and makes it the display locale; resolves with the one in use. */
export async function adoptHostLocale(host: Pick<HostClient, 'request'>, waitMs = HOST_LOCALE_WAIT_MS): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), waitMs);
  });
  try {
    const info = await Promise.race([host.request('host.info', {}).catch(() => undefined), late]);
    return setDisplayLocale(typeof info?.locale === 'string' ? info.locale : undefined);
  } finally {
    clearTimeout(timer);
  }
}
