import { describe, expect, it } from 'vitest';
import { findAddresses, isValidEvmAddress, isValidSolanaAddress } from './addresses.ts';

const USDT = '0xdAC17F958D2ee523a2206206994597C13D831ec7';

describe('contract addresses', () => {
  it('accepts EIP-55 checksummed, all-lower and all-upper EVM addresses', () => {
    expect(isValidEvmAddress(USDT)).toBe(true);
    expect(isValidEvmAddress(USDT.toLowerCase())).toBe(true);
    expect(isValidEvmAddress(`0x${USDT.slice(2).toUpperCase()}`)).toBe(true);
  });

  it('rejects a mixed-case EVM address whose checksum is wrong', () => {
    const broken = USDT.replace('dAC17F', 'dac17F');
    expect(isValidEvmAddress(broken)).toBe(false);
    expect(findAddresses(`send to ${broken}`)).toEqual([]);
  });

  it('accepts Solana public keys and rejects look-alikes', () => {
    expect(isValidSolanaAddress('JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN')).toBe(true);
    expect(isValidSolanaAddress('DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263')).toBe(true);
    // A Bitcoin address is base58 too, but decodes to 25 bytes.
    expect(isValidSolanaAddress('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa')).toBe(false);
    // 0, O, I and l are not in the base58 alphabet.
    expect(isValidSolanaAddress('JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvC0')).toBe(false);
    // A long run of letters in prose is not a key.
    expect(isValidSolanaAddress('Supercalifragilisticexpialidociousness')).toBe(false);
  });

  it('finds both kinds in text, in order of appearance', () => {
    const found = findAddresses(`mint JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN and token ${USDT}.`);
    expect(found.map((a) => [a.family, a.address])).toEqual([
      ['solana', 'JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN'],
      ['evm', USDT],
    ]);
  });

  it('does not read a transaction hash or a longer hex string as an address', () => {
    expect(findAddresses(`tx 0x${'ab'.repeat(32)}`)).toEqual([]);
  });
});
