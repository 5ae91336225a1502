import { expect } from 'chai';
import { readTrustedHostOrigins } from '../../../src/sync/host/client';

function docWithMeta(content: string | null): Document {
  const doc = document.implementation.createHTMLDocument('t');
  if (content !== null) {
    const meta = doc.createElement('meta');
    meta.name = 'officetools-host-origins';
    meta.content = content;
    doc.head.appendChild(meta);
  }
  return doc;
}

/** A frame of this page: its ancestorOrigins[0] is this page's origin. */
async function childFrameDoc(meta: string): Promise<{ doc: Document; remove: () => void }> {
  const iframe = document.createElement('iframe');
  const loaded = new Promise<void>((resolve) => iframe.addEventListener('load', () => resolve(), { once: true }));
  iframe.srcdoc = `<!doctype html><html><head><meta name="officetools-host-origins" content="${meta}"></head><body></body></html>`;
  document.body.appendChild(iframe);
  await loaded;
  return { doc: iframe.contentDocument as Document, remove: () => iframe.remove() };
}

describe('readTrustedHostOrigins', () => {
  it('reads the origins from the meta tag, normalised, dropping junk, wildcards and paths', () => {
    const doc = docWithMeta('  http://127.0.0.1:3000  https://Shell.Example.com/ * null http://a.example/path ftp://x.example junk http://127.0.0.1:3000');
    expect(readTrustedHostOrigins(doc)).to.deep.equal(['http://127.0.0.1:3000', 'https://shell.example.com']);
  });

  it('trusts nothing when the tag is missing', () => {
    expect(readTrustedHostOrigins(docWithMeta(null))).to.deep.equal([]);
  });

  it('narrows to the real parent origin when it is trusted', async () => {
    const f = await childFrameDoc(`https://other.example ${location.origin}`);
    try {
      expect(readTrustedHostOrigins(f.doc)).to.deep.equal([location.origin]);
    } finally {
      f.remove();
    }
  });

  it('trusts nothing when the real parent origin is not declared', async () => {
    const f = await childFrameDoc('https://shell.example.com');
    try {
      expect(readTrustedHostOrigins(f.doc)).to.deep.equal([]);
    } finally {
      f.remove();
    }
  });
});
