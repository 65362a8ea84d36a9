import { HttpRequestError } from 'viem';
import { describe, expect, it } from 'vitest';
import { chainErrorNote } from './chainError.ts';

describe('chainErrorNote', () => {
  it("is viem's short message, without the URL or the request body", () => {
    const err = new HttpRequestError({ url: 'https://rpc.example/v2/KEY', body: { data: `0x${'00'.repeat(1000)}` } });
    expect(chainErrorNote(err)).toBe('HTTP request failed.');
  });

  it('keeps the first line of any other error, with URLs left out and at most 200 characters', () => {
    expect(chainErrorNote(new Error('fetch https://rpc.example/v2/KEY failed\nmore'))).toBe('fetch (url) failed');
    expect(chainErrorNote(new Error('x'.repeat(5000)))).toHaveLength(200);
    expect(chainErrorNote('')).toBe('unknown error');
  });
});
