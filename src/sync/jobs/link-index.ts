/**
 * The links of one kind held in memory as two Maps, so that "which entity is this one's
 * partner" is one lookup on either side (a Match tab asks on every click, with 20,000 rows per
 * side). Values are immutable: every change returns a new index, which is what React needs to
 * notice it, and the old one stays valid for undo.
 */
import type { LinkRecord } from '../store/schema';

export interface LinkPair {
  otId: string;
  qboId: string;
}

export class LinkIndex {
  private readonly byOt: ReadonlyMap<string, string>;
  private readonly byQbo: ReadonlyMap<string, string>;

  private constructor(byOt: Map<string, string>, byQbo: Map<string, string>) {
    this.byOt = byOt;
    this.byQbo = byQbo;
  }

  static empty(): LinkIndex {
    return new LinkIndex(new Map(), new Map());
  }

  static from(links: Iterable<LinkPair>): LinkIndex {
    const byOt = new Map<string, string>();
    const byQbo = new Map<string, string>();
    for (const l of links) {
      byOt.set(l.otId, l.qboId);
      byQbo.set(l.qboId, l.otId);
    }
    return new LinkIndex(byOt, byQbo);
  }

  get size(): number {
    return this.byOt.size;
  }

  qboFor(otId: string): string | undefined {
    return this.byOt.get(otId);
  }

  otFor(qboId: string): string | undefined {
    return this.byQbo.get(qboId);
  }

  hasOt(otId: string): boolean {
    return this.byOt.has(otId);
  }

  hasQbo(qboId: string): boolean {
    return this.byQbo.has(qboId);
  }

  pairs(): LinkPair[] {
    return Array.from(this.byOt, ([otId, qboId]) => ({ otId, qboId }));
  }

  /** A new index with these pairs added (a pair replaces any earlier link of either side). */
  with(pairs: Iterable<LinkPair | LinkRecord>): LinkIndex {
    const byOt = new Map(this.byOt);
    const byQbo = new Map(this.byQbo);
    for (const p of pairs) {
      const oldQbo = byOt.get(p.otId);
      if (oldQbo !== undefined) byQbo.delete(oldQbo);
      const oldOt = byQbo.get(p.qboId);
      if (oldOt !== undefined) byOt.delete(oldOt);
      byOt.set(p.otId, p.qboId);
      byQbo.set(p.qboId, p.otId);
    }
    return new LinkIndex(byOt, byQbo);
  }

  /** A new index without the pairs of these OfficeTools ids. */
  withoutOt(otIds: Iterable<string>): LinkIndex {
    const byOt = new Map(this.byOt);
    const byQbo = new Map(this.byQbo);
    for (const otId of otIds) {
      const qboId = byOt.get(otId);
      if (qboId === undefined) continue;
      byOt.delete(otId);
      byQbo.delete(qboId);
    }
    return new LinkIndex(byOt, byQbo);
  }
}

export interface SideCounts {
  total: number;
  linked: number;
  unlinked: number;
}

/**
 * Linked and unlinked counts of each side, counting only entities in the lists: a link whose
 * partner is not listed (e.g. made inactive in QBO) still counts as linked on the side that is.
 */
export function countLinks(otIds: readonly string[], qboIds: readonly string[], index: LinkIndex): { ot: SideCounts; qbo: SideCounts } {
  let otLinked = 0;
  for (const id of otIds) if (index.hasOt(id)) otLinked++;
  let qboLinked = 0;
  for (const id of qboIds) if (index.hasQbo(id)) qboLinked++;
  return {
    ot: { total: otIds.length, linked: otLinked, unlinked: otIds.length - otLinked },
    qbo: { total: qboIds.length, linked: qboLinked, unlinked: qboIds.length - qboLinked },
  };
}
