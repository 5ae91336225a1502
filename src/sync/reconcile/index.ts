// Re-exports only: the reconciliation report (pure comparison, QBO/host loader, CSV).
export * from './reconcile-types';
export * from './compare-books';
export * from './load-reconciliation';
export * from './reconcile-csv';
