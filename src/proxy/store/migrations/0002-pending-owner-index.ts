/** Counting a user's open connect links (the per-user cap) without scanning every pending value. */
import type { Migration } from './migration';

export const migration0002: Migration = {
  version: 2,
  name: 'pending-owner-index',
  statements: ['CREATE INDEX auth_pending_owner ON auth_pending (kind, firm_id, user_id, expires_at)'],
};
