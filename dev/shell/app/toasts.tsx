/** Notifications in the corner of the WorkSpace (the host protocol's `ui.notify`). */
import { MessageBar, MessageBarType } from '@fluentui/react';

export interface Toast {
  id: number;
  level: 'info' | 'success' | 'warning' | 'error';
  title: string;
  message: string;
}

const TYPES: Record<Toast['level'], MessageBarType> = {
  info: MessageBarType.info,
  success: MessageBarType.success,
  warning: MessageBarType.warning,
  error: MessageBarType.error,
};

export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div aria-live="polite" style={{ position: 'fixed', bottom: 16, left: 16, width: 380, display: 'flex', flexDirection: 'column', gap: 8, zIndex: 1000 }}>
      {toasts.map((t) => (
        <div key={t.id} role={t.level === 'error' ? 'alert' : 'status'} style={{ boxShadow: '0 2px 8px rgba(0,0,0,.2)' }}>
          <MessageBar messageBarType={TYPES[t.level]} onDismiss={() => onDismiss(t.id)} dismissButtonAriaLabel="Dismiss notification">
            <b>{t.title}</b> {t.message}
          </MessageBar>
        </div>
      ))}
    </div>
  );
}
