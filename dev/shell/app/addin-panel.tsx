/** The docked right-hand panel hosting an add-in's task pane, with a title bar and a resize handle. */
import { IconButton, Text } from '@fluentui/react';
import { useRef } from 'react';
import { AddinFrame } from './addin-frame';
import type { HostBridge } from './host-bridge';
import { SHELL_COLORS } from './shell-theme';

export const PANEL_MIN_WIDTH = 360;
export const PANEL_MAX_WIDTH = 760;
export const PANEL_DEFAULT_WIDTH = 460;

export function AddinPanel(props: { bridge: HostBridge; addinId: string; title: string; url: string; width: number; onWidth(w: number): void; onClose(): void }) {
  const drag = useRef<{ x: number; width: number }>(undefined);
  const clamp = (w: number) => Math.min(PANEL_MAX_WIDTH, Math.max(PANEL_MIN_WIDTH, Math.round(w)));
  return (
    <aside aria-label={`${props.title} panel`} style={{ width: props.width, display: 'flex', flexDirection: 'row', borderLeft: `1px solid ${SHELL_COLORS.strongDivider}`, background: SHELL_COLORS.surface, position: 'relative' }}>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize panel"
        aria-valuemin={PANEL_MIN_WIDTH}
        aria-valuemax={PANEL_MAX_WIDTH}
        aria-valuenow={props.width}
        tabIndex={0}
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft') props.onWidth(clamp(props.width + 20));
          if (e.key === 'ArrowRight') props.onWidth(clamp(props.width - 20));
        }}
        onPointerDown={(e) => {
          drag.current = { x: e.clientX, width: props.width };
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          if (drag.current) props.onWidth(clamp(drag.current.width + (drag.current.x - e.clientX)));
        }}
        onPointerUp={() => {
          drag.current = undefined;
        }}
        style={{ width: 6, cursor: 'col-resize', flex: 'none', background: 'transparent' }}
      />
      <div style={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}>
        <div style={{ display: 'flex', alignItems: 'center', height: 36, padding: '0 4px 0 12px', borderBottom: `1px solid ${SHELL_COLORS.divider}`, background: SHELL_COLORS.subtle }}>
          <Text variant="mediumPlus" styles={{ root: { flex: 1, fontWeight: 600 } }}>
            {props.title}
          </Text>
          <IconButton iconProps={{ iconName: 'Cancel' }} title="Close panel" ariaLabel="Close panel" onClick={props.onClose} />
        </div>
        <div style={{ flex: 1, minHeight: 0 }}>
          <AddinFrame bridge={props.bridge} addinId={props.addinId} role="panel" src={props.url} title={`${props.title} panel`} />
        </div>
      </div>
    </aside>
  );
}
