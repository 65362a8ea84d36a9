import { describe, expect, it } from 'vitest';
import { FrameReader } from '../../bench/stream/frameReader.ts';

/** A server frame (unmasked) as RFC 6455 §5.2 lays it out, with the shortest length encoding that fits. */
function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const out = Buffer.alloc(head + length);
  out[0] = 0x80 | opcode;
  if (head === 2) out[1] = length;
  else if (head === 4) {
    out[1] = 126;
    out.writeUInt16BE(length, 2);
  } else {
    out[1] = 127;
    out.writeBigUInt64BE(BigInt(length), 2);
  }
  payload.copy(out, head);
  return out;
}

const payloads = [
  Buffer.from('{"type":"ack"}'),
  Buffer.alloc(0),
  Buffer.alloc(125, 'a'),
  Buffer.alloc(126, 'b'),
  Buffer.alloc(70_000, 'c'),
  Buffer.from('{"type":"heartbeat"}'),
];
const wire = Buffer.concat(payloads.map((payload, i) => frame(i === 1 ? 0x9 : 0x1, payload)));

function read(pieces: Buffer[]): Array<[number, string]> {
  const seen: Array<[number, string]> = [];
  const reader = new FrameReader((opcode, data, from, to) => seen.push([opcode, data.toString('latin1', from, to)]));
  for (const piece of pieces) {
    // Each piece sits inside a larger buffer, as reads land in a shared one: the reader must keep to its bounds.
    const shared = Buffer.concat([Buffer.from('xx'), piece, Buffer.from('yy')]);
    reader.push(shared, 2, 2 + piece.length);
  }
  return seen;
}

const expected = payloads.map((payload, i): [number, string] => [i === 1 ? 0x9 : 0x1, payload.toString('latin1')]);

describe("bench:stream's frame reader", () => {
  it('hands on every frame whole, with 7- 16- and 64-bit lengths, however the bytes are split', () => {
    expect(read([wire])).toEqual(expected);
    for (const size of [1, 2, 3, 7, 100, 4_096])
      expect(
        read(Array.from({ length: Math.ceil(wire.length / size) }, (_, i) => wire.subarray(i * size, (i + 1) * size))),
      ).toEqual(expected);
    // Every split point of the first 200 bytes: across each small frame's header and payload.
    for (let cut = 1; cut < 200; cut++) expect(read([wire.subarray(0, cut), wire.subarray(cut)])).toEqual(expected);
  });

  it('refuses a masked server frame and reserved bits', () => {
    expect(() => read([Buffer.from([0x81, 0x81, 1, 2, 3, 4, 0x61])])).toThrow(/masked/);
    expect(() => read([Buffer.from([0xc1, 0x00])])).toThrow(/reserved/);
  });
});
