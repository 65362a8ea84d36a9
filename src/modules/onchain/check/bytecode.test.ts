import { describe, expect, it } from 'vitest';
import { readCode } from './bytecode.ts';

describe('readCode', () => {
  it('finds dispatcher selectors and skips PUSH data', () => {
    // DUP1 PUSH4 a9059cbb EQ PUSH2 0010 JUMPI | PUSH4 18160ddd DUP2 EQ | PUSH32 (ff f4 inside data) | STOP
    const code = `0x8063a9059cbb14610010576318160ddd81147f${'ff'.repeat(16)}${'f4'.repeat(16)}00`;
    expect(readCode(code as `0x${string}`)).toEqual({
      selectors: ['0xa9059cbb', '0x18160ddd'],
      selfdestruct: false,
      delegatecall: false,
    });
  });

  it('sees SELFDESTRUCT and DELEGATECALL as opcodes, not in the metadata', () => {
    expect(readCode('0x6000f4ff')).toMatchObject({ selfdestruct: true, delegatecall: true });
    // CBOR metadata (a2 …) with its length in the last two bytes: an ff inside it is data.
    expect(readCode('0x00a2ffff0003')).toMatchObject({ selfdestruct: false });
  });
});
