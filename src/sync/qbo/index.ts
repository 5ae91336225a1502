// Re-exports only: the QBO gateway, its errors, retry policy, pacer and query builder.
export * from './entities';
export * from './errors';
export * from './fault-parser';
export * from './gateway';
export * from './pacer';
export * from './qbo-client';
export * from './query-builder';
export * from './retry-policy';
