/**
 * Request counts per rate-limit key and minute, shared by the replicas on one PostgreSQL
 * database (src/proxy/shared-rate-windows.ts). Created on SQLite too, where it stays empty:
 * one process owns that file and counts in memory.
 */
import type { Migration } from './migration';

export const migration0005: Migration = {
  version: 5,
  name: 'rate-windows',
  statements: ['CREATE TABLE rate_windows (limit_key TEXT NOT NULL, window_start BIGINT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (limit_key, window_start))'],
};
