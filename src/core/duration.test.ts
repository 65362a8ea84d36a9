import { describe, expect, it } from 'vitest';
import { durationSeconds } from './duration.ts';

describe('durations', () => {
  it('reads seconds and the usual units', () => {
    expect(durationSeconds('3600')).toBe(3600);
    expect(durationSeconds('30m')).toBe(1800);
    expect(durationSeconds('24 h')).toBe(86_400);
    expect(durationSeconds('7d')).toBe(604_800);
  });

  it('refuses anything else', () => {
    for (const text of ['', 'forever', '1.5h', '-1d', '10 parsecs']) expect(durationSeconds(text)).toBeNull();
  });
});
