/**
 * An iframe of an add-in page, attached to the host bridge for as long as it is mounted. The
 * bridge learns the frame's window before the add-in page can run (layout effect, same task as
 * the insertion), so the page's first request is already answered; events wait for `load`.
 */
import { useLayoutEffect, useRef, type CSSProperties } from 'react';
import type { FrameRole, HostBridge } from './host-bridge';

/** Scripts and its own storage (cross-origin, so no access to the shell), forms and downloads (links export). */
const SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-downloads allow-modals';

export function AddinFrame(props: { bridge: HostBridge; addinId: string; role: FrameRole; src: string; title: string; style?: CSSProperties; hidden?: boolean }) {
  const { bridge, addinId, role } = props;
  const ref = useRef<HTMLIFrameElement>(null);
  useLayoutEffect(() => {
    const win = ref.current?.contentWindow;
    if (!win) return undefined;
    bridge.attachFrame(addinId, role, win);
    return () => bridge.detachFrame(addinId, role);
  }, [bridge, addinId, role]);
  return (
    <iframe
      ref={ref}
      src={props.src}
      title={props.title}
      sandbox={SANDBOX}
      referrerPolicy="no-referrer"
      aria-hidden={props.hidden ? true : undefined}
      tabIndex={props.hidden ? -1 : undefined}
      onLoad={() => bridge.markFrameReady(addinId, role)}
      style={props.hidden ? { position: 'absolute', width: 0, height: 0, border: 0, visibility: 'hidden' } : { display: 'block', border: 0, width: '100%', height: '100%', ...props.style }}
      data-addin={addinId}
      data-role={role}
    />
  );
}
