/**
 * The other pages of this browser that hold the same replica: the panel, its host window
 * (docs/decisions/0008-host-windows.md) and the background runtime each open the company's
 * FirmData over one IndexedDB database, with one checkpoint. When the firm announces a change,
 * every page pulls; the first to apply it moves the shared checkpoint and records the new revs,
 * so the others find nothing new, and without word from that page their views never re-read
 * (a link made by a colleague would show in the panel but not in the open Match window).
 * Likewise a page's own write is applied only in that page's view.
 *
 * So each page tells the others which collections it changed, once the transaction committed,
 * over a BroadcastChannel named by database and company (the same scope as the replica's lock).
 */
import type { ReplicaCollection } from '../store/schema';

const COLLECTIONS: readonly ReplicaCollection[] = ['links', 'settings', 'documents', 'history'];

/** The part of BroadcastChannel used here. */
export interface PeerChannel {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

/** Opens the channel of this name; undefined where the browser has none (the replica then works alone). */
export type OpenPeerChannel = (name: string) => PeerChannel | undefined;

export const openBroadcastChannel: OpenPeerChannel = (name) => {
  const Channel = (globalThis as { BroadcastChannel?: new (name: string) => PeerChannel }).BroadcastChannel;
  return Channel ? new Channel(name) : undefined;
};

export interface ReplicaPeers {
  /** Tells the other pages that this page changed these collections of the replica (committed). */
  announce(collections: readonly ReplicaCollection[]): void;
  close(): void;
}

function collectionsOf(data: unknown): ReplicaCollection[] {
  const list = (data as { collections?: unknown } | null)?.collections;
  if (!Array.isArray(list)) return [];
  return COLLECTIONS.filter((c) => list.includes(c));
}

export function joinReplicaPeers(name: string, onPeerChanged: (collections: ReplicaCollection[]) => void, open: OpenPeerChannel = openBroadcastChannel): ReplicaPeers {
  let channel: PeerChannel | undefined;
  try {
    channel = open(name);
  } catch {
    channel = undefined; // a browser that refuses channels (e.g. an opaque origin): no peers to hear
  }
  if (channel) {
    channel.onmessage = (event) => {
      const collections = collectionsOf(event.data);
      if (collections.length > 0) onPeerChanged(collections);
    };
  }
  return {
    announce(collections) {
      if (!channel || collections.length === 0) return;
      try {
        channel.postMessage({ collections: [...collections] });
      } catch {
        // Closed meanwhile (the page is going away): nobody left to tell.
      }
    },
    close() {
      if (!channel) return;
      channel.onmessage = null;
      channel.close();
      channel = undefined;
    },
  };
}
