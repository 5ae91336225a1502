/**
 * A stand-in for the OfficeTools shell living in a real iframe (Blob URL, so the same origin as
 * the test page). It records the requests it receives and answers through `parent.postMessage`
 * according to `respond`, which the test sets. Nothing here is imported by product code.
 */
import { HOST_PROTOCOL, HOST_PROTOCOL_VERSION, type HostMessage, type RequestMessage } from '../../../src/sync/host/protocol';

export type Reply = { ok: true; result: unknown } | { ok: true; resultJson: unknown } | { ok: false; error: { code: string; message: string } } | 'silent';

export interface FakeHostWindow extends Window {
  requests: RequestMessage[];
  respond: (request: RequestMessage) => Reply;
  /** Posts a message to the parent (the add-in under test) as this frame. */
  post: (message: unknown) => void;
}

const FRAME_SCRIPT = `
  window.requests = [];
  window.respond = () => 'silent';
  window.post = (m) => parent.postMessage(m, location.origin === 'null' ? '*' : location.origin);
  addEventListener('message', (e) => {
    const m = e.data;
    if (!m || m.kind !== 'request') return;
    window.requests.push(m);
    const reply = window.respond(m);
    if (reply === 'silent') return;
    window.post(Object.assign({ protocol: '${HOST_PROTOCOL}', v: ${HOST_PROTOCOL_VERSION}, kind: 'response', id: m.id }, reply));
  });
`;

export const frameHtml = (extraScript = ''): string => `<!doctype html><html><body><script>${FRAME_SCRIPT}${extraScript}</script></body></html>`;

export interface FakeHostFrame {
  iframe: HTMLIFrameElement;
  win: FakeHostWindow;
  remove(): void;
}

/** Loads a fake host frame and waits until its script runs. */
export async function openFakeHostFrame(): Promise<FakeHostFrame> {
  const url = URL.createObjectURL(new Blob([frameHtml()], { type: 'text/html' }));
  const iframe = document.createElement('iframe');
  const loaded = new Promise<void>((resolve) => iframe.addEventListener('load', () => resolve(), { once: true }));
  iframe.src = url;
  document.body.appendChild(iframe);
  await loaded;
  URL.revokeObjectURL(url);
  const win = iframe.contentWindow as FakeHostWindow;
  return { iframe, win, remove: () => iframe.remove() };
}

/**
 * Re-navigates the frame to a document that immediately posts `message` to the parent. With
 * `sandboxed`, the new document has an opaque origin ('null') while `iframe.contentWindow` stays
 * the same WindowProxy: the same source, a different origin.
 */
export async function reloadAndPost(frame: FakeHostFrame, message: HostMessage, sandboxed: boolean): Promise<void> {
  if (sandboxed) frame.iframe.setAttribute('sandbox', 'allow-scripts');
  const loaded = new Promise<void>((resolve) => frame.iframe.addEventListener('load', () => resolve(), { once: true }));
  frame.iframe.srcdoc = frameHtml(`window.post(${JSON.stringify(message)});`);
  await loaded;
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
