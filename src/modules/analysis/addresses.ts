import { isAddress } from 'viem';

/**
 * Contract addresses written in posts. EVM: an all-lower or all-upper hex
 * address is taken as written (no checksum to check); a mixed-case one must be
 * a valid EIP-55 checksum, so a mistyped address is not resolved. Solana: a
 * base58 string of 32–44 characters that decodes to a 32-byte public key and
 * mixes digits, upper and lower case (as real keys do, with overwhelming odds;
 * a long run of letters in prose does not).
 */

export interface FoundAddress {
  address: string;
  family: 'evm' | 'solana';
  start: number;
}

const EVM_CANDIDATE = /\b0x[0-9a-fA-F]{40}\b/g;
const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const SOLANA_CANDIDATE = /(?<![0-9A-Za-z])[1-9A-HJ-NP-Za-km-z]{32,44}(?![0-9A-Za-z])/g;

export function isValidEvmAddress(address: string): boolean {
  if (!isAddress(address, { strict: false })) return false;
  // viem's checksum check passes all-lower case as unchecksummed; all-upper carries no checksum either.
  return address === `0x${address.slice(2).toUpperCase()}` || isAddress(address);
}

/** Decoded byte length of a base58 string, or -1 when a character is outside the alphabet. */
function base58ByteLength(text: string): number {
  let value = 0n;
  for (const char of text) {
    const digit = BASE58_ALPHABET.indexOf(char);
    if (digit < 0) return -1;
    value = value * 58n + BigInt(digit);
  }
  const leadingZeros = text.length - text.replace(/^1+/, '').length;
  const bodyBytes = value === 0n ? 0 : Math.ceil(value.toString(16).length / 2);
  return leadingZeros + bodyBytes;
}

export function isValidSolanaAddress(address: string): boolean {
  return (
    address.length >= 32 &&
    address.length <= 44 &&
    /\d/.test(address) &&
    /[A-Z]/.test(address) &&
    /[a-z]/.test(address) &&
    base58ByteLength(address) === 32
  );
}

/** A Solana key is at least this long: a shorter text holds none. */
const SOLANA_MIN_LENGTH = 32;

export function findAddresses(text: string): FoundAddress[] {
  const found: FoundAddress[] = [];
  // Most texts (a chat message, a headline) hold neither kind: each scan, and the iterator and copy of its
  // pattern that matchAll makes, is skipped where it cannot match.
  if (text.includes('0x'))
    for (const match of text.matchAll(EVM_CANDIDATE)) {
      if (isValidEvmAddress(match[0])) found.push({ address: match[0], family: 'evm', start: match.index });
    }
  if (text.length >= SOLANA_MIN_LENGTH)
    for (const match of text.matchAll(SOLANA_CANDIDATE)) {
      if (isValidSolanaAddress(match[0])) found.push({ address: match[0], family: 'solana', start: match.index });
    }
  return found.sort((a, b) => a.start - b.start);
}
