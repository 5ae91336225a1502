// Re-exports only: contact sync's planner, outbox, executor and their shared field helpers.
export * from './customer-fields';
export * from './plan-contact-change';
export * from './contact-outbox';
export * from './contact-sync-error';
export * from './contact-sync-executor';
export * from './outbox-signal';
