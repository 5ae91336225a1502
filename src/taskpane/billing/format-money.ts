import type { Cents } from '../../sync/host/protocol';
import { formatMoney } from '../shared/locale-format';

/** Integer cents as money in the display locale, e.g. -123456 → "-$1,234.56" (en-US); exact, no floating point. */
export function formatCents(cents: Cents): string {
  return formatMoney(cents);
}
