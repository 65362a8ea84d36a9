import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../core/domainErrors.ts';
import { formatCiphertext, parseCiphertext } from './transitFormat.ts';

describe('formatCiphertext', () => {
  it('writes only the bytes given, for a view into a larger buffer too', () => {
    const whole = Buffer.from('0123456789abcdef');
    const view = whole.subarray(4, 9);
    const text = formatCiphertext(3, view);
    expect(text).toBe(`vault:v3:${Buffer.from('45678').toString('base64')}`);
    expect(parseCiphertext(text)).toEqual({ version: 3, bytes: Buffer.from('45678') });
  });
});

describe('parseCiphertext', () => {
  it('refuses anything else naming the field once (DomainError puts it first)', () => {
    const refusal = (() => {
      try {
        parseCiphertext('plain text');
      } catch (err) {
        return err;
      }
    })();
    expect(refusal).toBeInstanceOf(InvalidArgumentError);
    expect(refusal).toMatchObject({
      field: 'ciphertext',
      message: 'ciphertext: not a transit ciphertext (vault:v<N>:<base64>)',
    });
  });
});
