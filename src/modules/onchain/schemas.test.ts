import { describe, expect, it } from 'vitest';
import { checkTokenInput } from './schemas.ts';

const CHECKSUMMED = '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9';
/** The same address with one letter's case flipped: the checksum no longer matches. */
const MISCASED = '0xDc64a140Aa3E981100a9becA4E685f962f0cf6C9';

const issues = (address: string) => {
  const parsed = checkTokenInput.safeParse({ chain: 'local', address });
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
};

describe('the address the on-chain tools take', () => {
  it.each([
    ['checksummed', CHECKSUMMED],
    ['all lower case', CHECKSUMMED.toLowerCase()],
    ['all upper case', `0x${CHECKSUMMED.slice(2).toUpperCase()}`],
    ['with spaces around', ` ${CHECKSUMMED} `],
  ])('takes an address %s, as its checksummed form', (_, address) => {
    expect(checkTokenInput.parse({ chain: 'local', address })).toEqual({ chain: 'local', address: CHECKSUMMED });
  });

  it('refuses mixed case that is not the EIP-55 checksum, naming the field', () => {
    expect(issues(MISCASED)).toEqual([
      { path: ['address'], message: 'checksum mismatch (EIP-55); use the address as printed or all lowercase' },
    ]);
  });

  it('says what an address is, once, for text that is none', () => {
    expect(issues('0xDc64a140Aa3E981100a9becA4E685f962f0cF6')).toEqual([
      { path: ['address'], message: 'must be a 0x-prefixed 20-byte hex address' },
    ]);
  });
});

describe('the chain the on-chain tools take', () => {
  it.each([
    ['left out', undefined],
    ['null', null],
    ['true', true],
    ['an object', { id: 1 }],
  ])('says what a chain is when it is %s', (_, chain) => {
    const parsed = checkTokenInput.safeParse({ chain, address: CHECKSUMMED });
    expect(
      parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
    ).toEqual([
      {
        path: ['chain'],
        message: 'must be a chain id (a positive whole number, or its digits) or a configured chain name',
      },
    ]);
  });
});
