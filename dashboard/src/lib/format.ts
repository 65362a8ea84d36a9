const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumSignificantDigits: 6 });
const compactUsd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 2,
});

export const formatUsd = (value: number | null | undefined) => (value == null ? '—' : usd.format(value));
export const formatCompactUsd = (value: number | null | undefined) => (value == null ? '—' : compactUsd.format(value));
export const formatPct = (value: number | null | undefined) =>
  value == null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(2)} %`;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "5 minutes ago", "yesterday"; the exact time is in the element's title. */
export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 30],
    ['month', 12],
  ];
  let amount = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(amount) < size) return relative.format(amount, unit);
    amount = Math.round(amount / size);
  }
  return relative.format(amount, 'year');
}

export const formatDateTime = (iso: string) => new Date(iso).toLocaleString();

/** Whether `url` is http(s), the only kind of link the dashboard follows: a `javascript:` href would run on click. */
export function isWebLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
