import { isPanelView, type PanelView } from '../../sync/host/protocol';

/** The view named by `?view=` in the panel's URL; the Integrations screen when absent or unknown. */
export function readPanelView(search: string): PanelView {
  const view = new URLSearchParams(search).get('view');
  return isPanelView(view) ? view : 'integrations';
}
