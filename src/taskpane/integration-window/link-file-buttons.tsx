/**
 * "Save links to file…" and "Load links from file…" in the Integration window: the firm's links
 * of this company as a JSON file (a backup, or a move to another company's firm), and back. A
 * file that would break one-to-one is refused whole; the store's message names the offending
 * rows, and a link another staff member made first names who made it.
 */
import { DefaultButton } from '@fluentui/react';
import { useRef, useState } from 'react';
import { linkFileName, parseLinkFile, serializeLinkFile } from '../../sync/store/link-file';
import type { LinkStore } from '../../sync/store/link-store';
import { panelConnection } from '../shared/panel-connection';
import type { PanelHost } from '../shared/panel-services';

export interface LinkFileStore {
  exportLinks: LinkStore['exportLinks'];
  importLinks: LinkStore['importLinks'];
  close(): void;
}

export interface LinkFileButtonsProps {
  realmId: string;
  host: PanelHost;
  /** Called after a file was loaded, with a sentence for the user. */
  onLoaded(message: string): void;
  reportError(action: string, error: unknown): void;
  /** @defaultvalue the frame's FirmData links of this company */
  openStore?: (realmId: string, host: PanelHost) => Promise<LinkFileStore>;
  /** @defaultvalue a download through an object URL */
  download?: (fileName: string, text: string) => void;
}

async function openRealStore(realmId: string): Promise<LinkFileStore> {
  const { links } = await panelConnection().firmData.open(realmId);
  // The links are the frame's, shared with the Match tabs: this window does not close them.
  return { exportLinks: (...a) => links.exportLinks(...a), importLinks: (...a) => links.importLinks(...a), close: () => undefined };
}

function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function LinkFileButtons({ realmId, host, onLoaded, reportError, openStore = openRealStore, download = downloadText }: LinkFileButtonsProps) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function withStore<T>(action: string, work: (store: LinkFileStore) => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    let store: LinkFileStore | undefined;
    try {
      store = await openStore(realmId, host);
      return await work(store);
    } catch (e) {
      reportError(action, e);
      return undefined;
    } finally {
      store?.close();
      setBusy(false);
    }
  }

  const save = () =>
    void withStore('Could not save the links to a file', async (store) => {
      const doc = await store.exportLinks();
      download(linkFileName(realmId, doc.exportedAt), serializeLinkFile(doc));
    });

  const load = async (file: File) => {
    const text = await file.text();
    await withStore(`Could not load the links from "${file.name}"`, async (store) => {
      const result = await store.importLinks(parseLinkFile(text), { mode: 'merge' });
      onLoaded(`Loaded "${file.name}": ${result.added} link${result.added === 1 ? '' : 's'} added, ${result.unchanged} already there.`);
    });
  };

  return (
    <>
      <DefaultButton text="Save links to file…" onClick={save} disabled={busy} />
      <DefaultButton text="Load links from file…" onClick={() => input.current?.click()} disabled={busy} />
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        aria-label="Links file to load"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void load(file);
        }}
      />
    </>
  );
}
