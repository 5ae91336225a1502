import { expect } from 'chai';
import { connectPageToHost } from '../../../src/sync/host/page-host';

/** A same-origin child frame with the given meta tag: a page framed by this test page. */
async function framedPage(meta: string | null): Promise<{ win: Window; remove: () => void }> {
  const iframe = document.createElement('iframe');
  const loaded = new Promise<void>((resolve) => iframe.addEventListener('load', () => resolve(), { once: true }));
  const head = meta === null ? '' : `<meta name="officetools-host-origins" content="${meta}">`;
  iframe.srcdoc = `<!doctype html><html><head>${head}</head><body></body></html>`;
  document.body.appendChild(iframe);
  await loaded;
  return { win: iframe.contentWindow as Window, remove: () => iframe.remove() };
}

describe('connectPageToHost', () => {
  it('connects a framed page whose parent origin is declared', async () => {
    const page = await framedPage(location.origin);
    try {
      const connected = connectPageToHost(page.win, 100);
      expect(connected.host).to.not.equal(null);
      connected.host?.dispose();
    } finally {
      page.remove();
    }
  });

  it('refuses a framed page whose parent is not declared, or that has no declaration', async () => {
    for (const meta of ['https://shell.example.com', null]) {
      const page = await framedPage(meta);
      try {
        expect(connectPageToHost(page.win)).to.deep.equal({ host: null, reason: 'untrusted-parent' });
      } finally {
        page.remove();
      }
    }
  });

  it('says a top-level page is not framed', () => {
    const topLevel = { parent: null as unknown as Window } as { parent: Window };
    topLevel.parent = topLevel as unknown as Window;
    expect(connectPageToHost(topLevel as unknown as Window)).to.deep.equal({ host: null, reason: 'not-framed' });
  });
});
