// Re-exports only: the Time & Billing engine (planners, executors, journal, context loaders).
export * from './billing-types';
export * from './billing-ports';
export * from './billing-journal';
export * from './document-markers';
export * from './execute-invoice-export';
export * from './execute-payment-export';
export * from './execute-payment-import';
export * from './export-runner';
export * from './journal-transitions';
export * from './line-quantity-price';
export * from './list-qbo-payments';
export * from './load-billing-context';
export * from './plan-invoice-export';
export * from './plan-payment-export';
export * from './plan-payment-import';
