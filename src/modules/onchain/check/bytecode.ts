import type { Hex } from 'viem';

export interface CodeFacts {
  /** Function selectors the dispatcher compares calldata with (`0x` + 8 hex digits), in code order. */
  selectors: Hex[];
  selfdestruct: boolean;
  delegatecall: boolean;
}

const PUSH1 = 0x60;
const PUSH4 = 0x63;
const PUSH32 = 0x7f;
const DUP1 = 0x80;
const DUP16 = 0x8f;
const EQ = 0x14;
const DELEGATECALL = 0xf4;
const SELFDESTRUCT = 0xff;

/** Solidity and Vyper end runtime code with CBOR metadata (its length in the last two bytes), which is data, not code. */
function withoutMetadata(code: Uint8Array): Uint8Array {
  if (code.length < 2) return code;
  const length = (code[code.length - 2]! << 8) | code[code.length - 1]!;
  const start = code.length - 2 - length;
  const head = code[start];
  return start >= 0 && head !== undefined && head >= 0xa1 && head <= 0xa5 ? code.subarray(0, start) : code;
}

/**
 * Reads runtime bytecode opcode by opcode, skipping PUSH data (so bytes inside constants are not mistaken for
 * opcodes): the selectors of the function dispatcher (`PUSH4 selector` then `EQ`, possibly after a `DUPn`),
 * and whether DELEGATECALL or SELFDESTRUCT appear anywhere in the code.
 */
export function readCode(hex: Hex): CodeFacts {
  const code = withoutMetadata(Buffer.from(hex.slice(2), 'hex'));
  const selectors = new Set<Hex>();
  let selfdestruct = false;
  let delegatecall = false;
  for (let i = 0; i < code.length; i++) {
    const op = code[i]!;
    if (op >= PUSH1 && op <= PUSH32) {
      const size = op - PUSH1 + 1;
      if (op === PUSH4 && i + 5 < code.length) {
        let next = code[i + 5]!;
        if (next >= DUP1 && next <= DUP16 && i + 6 < code.length) next = code[i + 6]!;
        if (next === EQ) selectors.add(`0x${Buffer.from(code.subarray(i + 1, i + 5)).toString('hex')}`);
      }
      i += size;
    } else if (op === DELEGATECALL) delegatecall = true;
    else if (op === SELFDESTRUCT) selfdestruct = true;
  }
  return { selectors: [...selectors], selfdestruct, delegatecall };
}
