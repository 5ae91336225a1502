import { expect } from 'chai';
import { createSseParser, type SseEvent } from '../../../src/sync/replication/sse-parser';

function parse(chunks: string[]): SseEvent[] {
  const out: SseEvent[] = [];
  const p = createSseParser((e) => out.push(e));
  for (const c of chunks) p.push(c);
  p.end();
  return out;
}

const STREAM = ': ping\n\nevent: changes\ndata: {"realmId":"9130","checkpoint":"42"}\n\nevent: connection\ndata: {}\n\n';

describe('SSE parser', () => {
  it('reads named events and skips comments', () => {
    expect(parse([STREAM])).to.deep.equal([
      { event: 'changes', data: '{"realmId":"9130","checkpoint":"42"}' },
      { event: 'connection', data: '{}' },
    ]);
  });

  it('gives the same events whatever the chunk boundaries', () => {
    const whole = parse([STREAM]);
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < STREAM.length; i += size) chunks.push(STREAM.slice(i, i + size));
      expect(parse(chunks), `chunks of ${size}`).to.deep.equal(whole);
    }
    for (let cut = 0; cut <= STREAM.length; cut++) {
      expect(parse([STREAM.slice(0, cut), STREAM.slice(cut)]), `cut at ${cut}`).to.deep.equal(whole);
    }
  });

  it('takes CRLF and CR line ends, also when CR and LF arrive in different chunks', () => {
    expect(parse(['event: changes\r', '\ndata: a\r', '\n\r', '\n'])).to.deep.equal([{ event: 'changes', data: 'a' }]);
    expect(parse(['data: x\r\rdata: y\r\n\r\n'])).to.deep.equal([
      { event: 'message', data: 'x' },
      { event: 'message', data: 'y' },
    ]);
  });

  it('joins data lines, keeps the last id, strips one space and a leading BOM', () => {
    expect(parse(['\ufeffid: 7\ndata:one\ndata:  two\n\n'])).to.deep.equal([{ event: 'message', data: 'one\n two', id: '7' }]);
  });

  it('drops an event cut off by the end of the stream, and events with no data', () => {
    expect(parse(['event: changes\n\n', 'event: changes\ndata: half'])).to.deep.equal([]);
  });
});
