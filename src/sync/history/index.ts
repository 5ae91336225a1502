export * from './history-entry';
export * from './history-recorder';
export * from './history-builders';
export * from './history-filter';
export * from './history-csv';
