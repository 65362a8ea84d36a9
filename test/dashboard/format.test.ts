import { describe, expect, it } from 'vitest';
import { isWebLink } from '../../dashboard/src/lib/format.ts';

describe('dashboard links', () => {
  it('follows http(s) only: anything else is shown as plain text', () => {
    expect(isWebLink('https://www.coindesk.com/a')).toBe(true);
    expect(isWebLink('HTTP://example.com/')).toBe(true);
    expect(isWebLink('javascript:alert(1)')).toBe(false);
    expect(isWebLink(' javascript:alert(1)')).toBe(false);
    expect(isWebLink('data:text/html,x')).toBe(false);
  });
});
