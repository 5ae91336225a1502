/** All migrations, in order. Add new ones at the end with the next number; never edit a shipped one. */
import { migration0001 } from './0001-firm-store';
import { migration0002 } from './0002-pending-owner-index';
import { migration0003 } from './0003-connection-notices';
import { migration0004 } from './0004-run-leases';
import { migration0005 } from './0005-rate-windows';
import type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005];
