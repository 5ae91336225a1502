/**
 * A window of an add-in drawn by the host (ui.openWindow, docs/decisions/0008-host-windows.md):
 * modal over the workspace like OfficeTools' own windows, with a title bar and a close button,
 * holding a frame of the add-in's page with its own host connection (role "window").
 *
 * Modal: the rest of the workspace is made `inert` by the caller, and Tab cycles between the
 * close button and the add-in's frame (sentinels at both ends send focus back in). The close
 * button and Escape (while focus is in the shell's part of the window) ask the bridge, which
 * lets a running page decide (it may ask about unsaved changes); Escape inside the add-in's
 * frame is the add-in's to handle.
 */
import { IconButton, Text } from '@fluentui/react';
import { useEffect, useRef, useState } from 'react';
import { AddinFrame } from './addin-frame';
import type { HostBridge, HostWindowSpec } from './host-bridge';
import { SHELL_COLORS } from './shell-theme';

/** The margin kept around a host window, so the workspace shows it is a window. */
export const HOST_WINDOW_MARGIN = 16;
const TITLE_BAR_HEIGHT = 40;

/** The room a host window may take in a browser window of this size. */
export function hostWindowArea(viewport: { width: number; height: number }): { width: number; height: number } {
  return { width: Math.max(0, viewport.width - 2 * HOST_WINDOW_MARGIN), height: Math.max(0, viewport.height - 2 * HOST_WINDOW_MARGIN) };
}

function useViewport(): { width: number; height: number } {
  const [size, setSize] = useState({ width: window.innerWidth, height: window.innerHeight });
  useEffect(() => {
    const onResize = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}

export function AddinWindow(props: { bridge: HostBridge; addinId: string; spec: HostWindowSpec }) {
  const { bridge, addinId, spec } = props;
  const closeRef = useRef<HTMLElement>(null);
  const frameBox = useRef<HTMLDivElement>(null);
  const area = hostWindowArea(useViewport());
  // The size the bridge granted, shrunk again if the browser window got smaller since.
  const width = Math.min(spec.width, area.width);
  const height = Math.min(spec.height, area.height);
  const titleId = `host-window-title-${spec.windowId}`;

  const focusFrame = () => frameBox.current?.querySelector('iframe')?.focus();
  useEffect(() => {
    focusFrame();
  }, [spec.windowId]);

  const askClose = () => bridge.requestWindowClose(spec.windowId);

  return (
    <div
      data-host-window-overlay=""
      style={{ position: 'fixed', inset: 0, zIndex: 1000, background: 'rgba(0, 0, 0, 0.4)', display: 'flex', alignItems: 'center', justifyContent: 'center' }}
    >
      <div tabIndex={0} onFocus={focusFrame} style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden' }} />
      <section
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-host-window={spec.windowId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            askClose();
          }
        }}
        style={{ width, height, display: 'flex', flexDirection: 'column', background: SHELL_COLORS.surface, boxShadow: '0 25.6px 57.6px rgba(0,0,0,.22), 0 4.8px 14.4px rgba(0,0,0,.18)', borderRadius: 2 }}
      >
        <div style={{ display: 'flex', alignItems: 'center', height: TITLE_BAR_HEIGHT, flex: 'none', padding: '0 4px 0 16px', background: '#1b3a57', color: '#fff' }}>
          <Text as="h2" id={titleId} variant="mediumPlus" styles={{ root: { flex: 1, margin: 0, color: '#fff', fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } }}>
            {spec.title}
          </Text>
          <IconButton
            elementRef={closeRef}
            iconProps={{ iconName: 'Cancel' }}
            title={`Close ${spec.title}`}
            ariaLabel={`Close ${spec.title}`}
            onClick={askClose}
            styles={{ root: { color: '#fff' }, rootHovered: { color: '#fff', background: '#2b5077' }, rootPressed: { color: '#fff', background: '#0f2338' } }}
          />
        </div>
        <div ref={frameBox} style={{ flex: 1, minHeight: 0 }}>
          <AddinFrame bridge={bridge} addinId={addinId} role="window" src={spec.url} title={spec.title} />
        </div>
      </section>
      <div tabIndex={0} onFocus={() => closeRef.current?.focus()} style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden' }} />
    </div>
  );
}
