/** Entity specs by name and by path segment. */
import type { EntityName } from '../store/company-state';
import type { EntitySpec } from './entity-spec';
import { accountSpec } from './account';
import { customerSpec } from './customer';
import { employeeSpec } from './employee';
import { invoiceSpec } from './invoice';
import { itemSpec } from './item';
import { paymentSpec } from './payment';
import { paymentMethodSpec } from './payment-method';
import { taxCodeSpec } from './tax-code';
import { vendorSpec } from './vendor';

const SPECS: EntitySpec[] = [customerSpec, employeeSpec, vendorSpec, itemSpec, accountSpec, invoiceSpec, paymentSpec, paymentMethodSpec, taxCodeSpec];

const byName = new Map<string, EntitySpec>(SPECS.map((s) => [s.name.toLowerCase(), s]));

/** Path segments and query/CDC entity names are case-insensitive. */
export function specFor(name: string): EntitySpec | undefined {
  return byName.get(name.toLowerCase());
}

export function specOf(name: EntityName): EntitySpec | undefined {
  return byName.get(name.toLowerCase());
}
