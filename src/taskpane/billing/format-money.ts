import type { Cents } from '../../sync/host/protocol';

/** Integer cents as US dollars, e.g. -123456 → "-$1,234.56"; exact, no floating point. */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  const rest = String(abs % 100).padStart(2, '0');
  return `${sign}$${dollars}.${rest}`;
}
