/**
 * A streaming parser for text/event-stream (the WHATWG "server-sent events" format), fed text
 * chunks as they arrive from fetch. Chunks may split anywhere, even between the CR and LF of
 * one line end, so the parser keeps the unfinished line and a pending CR between calls.
 * Used instead of EventSource because EventSource cannot send an Authorization header.
 */
export interface SseEvent {
  /** The `event:` field; 'message' when the server sent none. */
  event: string;
  /** The `data:` lines joined with '\n'. */
  data: string;
  /** The last `id:` seen, if any. */
  id?: string;
}

export interface SseParser {
  push(chunk: string): void;
  /** The stream ended: an event without its closing blank line is dropped (as the spec says). */
  end(): void;
}

export function createSseParser(onEvent: (e: SseEvent) => void): SseParser {
  let buffer = '';
  let started = false;
  let afterCr = false;
  let eventType = '';
  let data: string[] = [];
  let lastId: string | undefined;

  function dispatch(): void {
    if (data.length > 0) {
      const e: SseEvent = { event: eventType || 'message', data: data.join('\n') };
      if (lastId !== undefined) e.id = lastId;
      onEvent(e);
    }
    eventType = '';
    data = [];
  }

  function line(text: string): void {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return; // a comment, e.g. the server's keep-alive ping
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventType = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\u0000')) lastId = value;
    // `retry` and unknown fields are ignored: the client keeps its own backoff.
  }

  return {
    push(chunk: string): void {
      let text = chunk;
      if (!started && text.length > 0) {
        started = true;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      // A CR that ended the previous chunk already closed its line; a LF right after it is the same line end.
      if (afterCr && text.startsWith('\n')) text = text.slice(1);
      afterCr = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        line(buffer.slice(start, i));
        if (c === 13) {
          if (i + 1 < buffer.length) {
            if (buffer.charCodeAt(i + 1) === 10) i++;
          } else {
            afterCr = true;
          }
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
    end(): void {
      buffer = '';
      eventType = '';
      data = [];
    },
  };
}
