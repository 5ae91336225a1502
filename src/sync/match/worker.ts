/**
 * Web Worker entry: runs automatch off the panel's main thread, so that matching 20,000 ×
 * 20,000 entities never freezes the Match tab. One request in, one reply out.
 */
import { automatch } from './automatch';
import { fromRequest, type AutomatchReply, type AutomatchRequest } from './worker-message';

// The project compiles against the DOM library; inside a dedicated worker `self` is the
// worker scope, whose postMessage takes no target origin.
const scope = self as unknown as {
  onmessage: ((ev: MessageEvent<AutomatchRequest>) => void) | null;
  postMessage(message: AutomatchReply): void;
};

scope.onmessage = (ev) => {
  let reply: AutomatchReply;
  try {
    reply = { ok: true, result: automatch(fromRequest(ev.data)) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    reply = { ok: false, error: { name: e.name, message: e.message } };
  }
  scope.postMessage(reply);
};
