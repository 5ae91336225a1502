import type { ContactType } from '../../sync/host/protocol';

/**
 * What the "Select Contact Type(s) to update" field shows: the one chosen type's name,
 * "(Collection)" for more than one (as OfficeTools does), empty for none. Ids of types that no
 * longer exist in OfficeTools do not count.
 */
export function summariseContactTypes(selectedIds: readonly string[], types: readonly ContactType[]): string {
  const chosen = types.filter((t) => selectedIds.includes(t.id));
  if (chosen.length === 0) return '';
  if (chosen.length === 1) return chosen[0].name;
  return '(Collection)';
}
