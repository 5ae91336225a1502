/**
 * The one function the Match tabs call: automatch in a Web Worker when the browser has one,
 * inline otherwise (Node, tests, a page whose policy forbids workers). Same result either way.
 */
import { automatch } from './automatch';
import { AutomatchInputError } from './automatch-input-error';
import type { AutomatchInput, AutomatchResult } from './types';
import { toRequest, type AutomatchReply } from './worker-message';

/** The worker stopped without answering (crashed, or was killed by the browser). */
export class AutomatchWorkerError extends Error {
  readonly code = 'AUTOMATCH_WORKER_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'AutomatchWorkerError';
  }
}

function inline(input: AutomatchInput): Promise<AutomatchResult> {
  return new Promise((resolve) => resolve(automatch(input)));
}

function startWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  try {
    // webpack 5 turns this exact expression into a separate worker bundle.
    return new Worker(new URL('./worker.ts', import.meta.url));
  } catch {
    return undefined;
  }
}

export function runAutomatchInWorker(input: AutomatchInput): Promise<AutomatchResult> {
  const worker = startWorker();
  if (!worker) return inline(input);
  return new Promise<AutomatchResult>((resolve, reject) => {
    let answered = false;
    worker.onmessage = (ev: MessageEvent<AutomatchReply>) => {
      answered = true;
      worker.terminate();
      const reply = ev.data;
      if (reply.ok) resolve(reply.result);
      else if (reply.error.name === 'AutomatchInputError') reject(new AutomatchInputError(reply.error.message));
      else reject(new AutomatchWorkerError(`Automatch failed in its worker: ${reply.error.message}`));
    };
    worker.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      worker.terminate();
      if (answered) return;
      // A worker script that cannot load (blocked, offline) is no reason to refuse: run here.
      if (!ev.message) {
        inline(input).then(resolve, reject);
        return;
      }
      reject(new AutomatchWorkerError(`Automatch worker stopped: ${ev.message}. Try again; if it keeps failing, reload the panel.`));
    };
    worker.postMessage(toRequest(input));
  });
}
