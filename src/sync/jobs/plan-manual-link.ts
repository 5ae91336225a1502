/**
 * Link and Unlink by hand, the pure half: whether the highlighted pair may be linked (both
 * unlinked), and which pairs the highlighted entities break. The messages name the entities
 * and their current partners, so the user knows what to unlink first.
 */
import type { NewLink } from '../store/link-store';
import type { LinkKind } from '../store/schema';
import type { LinkIndex, LinkPair } from './link-index';
import type { EntityWords } from './match-spec';

export interface Named {
  id: string;
  name: string;
}

export type ManualLinkPlan = { ok: true; link: NewLink } | { ok: false; message: string };

export function planManualLink(input: {
  kind: LinkKind;
  words: EntityWords;
  left: readonly Named[];
  right: readonly Named[];
  links: LinkIndex;
  /** Names of linked partners, for the messages. */
  otName(id: string): string | undefined;
  qboName(id: string): string | undefined;
}): ManualLinkPlan {
  const { words, left, right, links } = input;
  if (left.length !== 1 || right.length !== 1) {
    return {
      ok: false,
      message: `To link, highlight exactly one OfficeTools ${words.ot} on the left and one QuickBooks Online ${words.qbo} on the right (highlighted now: ${left.length} on the left, ${right.length} on the right).`,
    };
  }
  const [ot] = left;
  const [qbo] = right;
  const problems: string[] = [];
  const otPartner = links.qboFor(ot.id);
  if (otPartner !== undefined) {
    if (otPartner === qbo.id) return { ok: false, message: `"${ot.name}" and "${qbo.name}" are already linked.` };
    problems.push(`OfficeTools ${words.ot} "${ot.name}" is already linked to QuickBooks Online ${words.qbo} "${input.qboName(otPartner) ?? `Id ${otPartner}`}".`);
  }
  const qboPartner = links.otFor(qbo.id);
  if (qboPartner !== undefined) {
    problems.push(`QuickBooks Online ${words.qbo} "${qbo.name}" is already linked to OfficeTools ${words.ot} "${input.otName(qboPartner) ?? qboPartner}".`);
  }
  if (problems.length > 0) return { ok: false, message: `${problems.join(' ')} Each can be linked to only one: unlink first, then link.` };
  return { ok: true, link: { kind: input.kind, otId: ot.id, qboId: qbo.id, origin: 'manual' } };
}

/** The pairs that Unlink breaks: those of every highlighted entity on either side, each once. */
export function pairsToUnlink(leftIds: readonly string[], rightIds: readonly string[], links: LinkIndex): LinkPair[] {
  const out = new Map<string, LinkPair>();
  for (const otId of leftIds) {
    const qboId = links.qboFor(otId);
    if (qboId !== undefined) out.set(otId, { otId, qboId });
  }
  for (const qboId of rightIds) {
    const otId = links.otFor(qboId);
    if (otId !== undefined) out.set(otId, { otId, qboId });
  }
  return [...out.values()];
}
