import { expect } from 'chai';
import { deleteDB } from 'idb';
import { act } from 'react';
import { LinkFileButtons } from '../../../src/taskpane/integration-window/link-file-buttons';
import { LinkStore } from '../../../src/sync/store/link-store';
import { parseLinkFile, serializeLinkFile } from '../../../src/sync/store/link-file';
import { button, click, FakeHost, render, waitFor, type Rendered } from './panel-test-kit';

const REALM = '9130350';

describe('panel: links file buttons', () => {
  let dbName: string;
  let rendered: Rendered | undefined;
  const stores: LinkStore[] = [];

  beforeEach(() => {
    dbName = `link-file-buttons-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  });

  afterEach(async () => {
    await rendered?.unmount();
    rendered = undefined;
    for (const s of stores.splice(0)) s.close();
    await deleteDB(dbName);
  });

  async function store(): Promise<LinkStore> {
    const s = await LinkStore.open({ realmId: REALM, user: 'Pat Lee', dbName });
    stores.push(s);
    return s;
  }

  async function mount(seen: { messages: string[]; errors: string[]; downloads: Array<{ name: string; text: string }> }) {
    rendered = await render(
      <LinkFileButtons
        realmId={REALM}
        host={new FakeHost()}
        onLoaded={(m) => seen.messages.push(m)}
        reportError={(action, e) => seen.errors.push(`${action}: ${(e as Error).message}`)}
        openStore={() => LinkStore.open({ realmId: REALM, user: 'Pat Lee', dbName })}
        download={(name, text) => seen.downloads.push({ name, text })}
      />,
    );
  }

  async function chooseFile(text: string, name = 'links.json'): Promise<void> {
    const input = document.querySelector('input[type="file"][aria-label="Links file to load"]') as HTMLInputElement;
    const files = new DataTransfer();
    files.items.add(new File([text], name, { type: 'application/json' }));
    input.files = files.files;
    await act(async () => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }

  it('saves this company\'s links to a file and loads them back into an empty store', async () => {
    const seen = { messages: [] as string[], errors: [] as string[], downloads: [] as Array<{ name: string; text: string }> };
    const s = await store();
    await s.linkMany([
      { kind: 'contact', otId: 'c-1', qboId: '58', origin: 'manual' },
      { kind: 'workCode', otId: 'wc-1', qboId: '7', origin: 'export' },
    ]);
    await mount(seen);
    await click(await button('Save links to file…'));
    await waitFor(() => seen.downloads.length === 1, 'the download');
    expect(seen.downloads[0].name).to.match(new RegExp(`^qbo-links-${REALM}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const doc = parseLinkFile(seen.downloads[0].text);
    expect(doc.links.map((l) => `${l.kind}:${l.otId}→${l.qboId}`).sort()).to.deep.equal(['contact:c-1→58', 'workCode:wc-1→7']);

    await s.clearKind('contact');
    await s.clearKind('workCode');
    await chooseFile(seen.downloads[0].text);
    await waitFor(() => seen.messages.length === 1, 'the loaded message');
    expect(seen.messages[0]).to.equal('Loaded "links.json": 2 links added, 0 already there.');
    expect((await s.findByOtId('contact', 'c-1'))?.qboId).to.equal('58');
    expect(seen.errors).to.deep.equal([]);
  });

  it('refuses a file that would link a customer twice, naming the row, and writes nothing', async () => {
    const seen = { messages: [] as string[], errors: [] as string[], downloads: [] as Array<{ name: string; text: string }> };
    const s = await store();
    await s.link({ kind: 'contact', otId: 'c-1', qboId: '58', origin: 'manual' });
    const doc = await s.exportLinks();
    const clash = serializeLinkFile({ ...doc, links: [{ ...doc.links[0], otId: 'c-2' }] });
    await mount(seen);
    await chooseFile(clash, 'colleague.json');
    await waitFor(() => seen.errors.length === 1, 'the refusal');
    expect(seen.errors[0]).to.contain('Could not load the links from "colleague.json"');
    expect(seen.errors[0]).to.match(/row 1/i);
    expect(await s.findByOtId('contact', 'c-2')).to.equal(undefined);
    expect(seen.messages).to.deep.equal([]);
  });

  it('refuses a file of another company', async () => {
    const seen = { messages: [] as string[], errors: [] as string[], downloads: [] as Array<{ name: string; text: string }> };
    const s = await store();
    await s.link({ kind: 'contact', otId: 'c-1', qboId: '58', origin: 'manual' });
    const doc = await s.exportLinks();
    await mount(seen);
    await chooseFile(serializeLinkFile({ ...doc, realmId: '999' }));
    await waitFor(() => seen.errors.length === 1, 'the refusal');
    expect(seen.errors[0]).to.contain('for QuickBooks company 999');
  });
});
