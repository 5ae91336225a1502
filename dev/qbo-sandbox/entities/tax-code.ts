/**
 * TaxCode: read and query only (QuickBooks manages tax codes itself). US companies use
 * TAX/NON; Canadian ones have numeric codes that invoice lines must name.
 */
import { faults } from '../faults';
import type { EntitySpec } from './entity-spec';

export const taxCodeSpec: EntitySpec = {
  name: 'TaxCode',
  resource: 'taxcode',
  kind: 'name',
  writable: new Set([]),
  readOnly: new Set(['Name', 'Description', 'Active', 'Taxable', 'TaxGroup', 'SalesTaxRateList', 'PurchaseTaxRateList', 'Hidden']),
  filterable: ['Id', 'Name', 'Active', 'Taxable', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  finish() {
    throw faults.unsupportedOperation('Create or Update for TaxCode');
  },
};
