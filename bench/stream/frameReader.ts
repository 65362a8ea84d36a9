/**
 * The receiving half of a WebSocket client (RFC 6455 §5.2) for `bench:stream`'s load generator: it
 * takes the bytes a socket read, in whatever pieces they arrive, and hands on each whole frame's
 * payload. A frame that lies whole in one read is handed on in place (no copy, no allocation); only
 * a frame split across reads is gathered into a buffer of its own. Server frames are unmasked
 * (§5.1); a masked one is a protocol error, as are reserved bits (no extension was negotiated).
 */

export const opcodes = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** What a reader hands each frame to: its opcode and its payload, `data[from…to)`, valid only during the call. */
type OnFrame = (opcode: number, data: Buffer, from: number, to: number) => void;

/** Frames over this are refused: the stream's are a few hundred KB at most. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

export class FrameReader {
  private readonly onFrame: OnFrame;
  /** Header bytes of a frame whose header was split across reads (2–10 bytes). */
  private readonly head = Buffer.alloc(10);
  private headBytes = 0;
  /** The payload of a frame split across reads, gathered until whole. */
  private partial: Buffer | undefined;
  private partialBytes = 0;
  private partialOpcode = 0;

  constructor(onFrame: OnFrame) {
    this.onFrame = onFrame;
  }

  /** Reads `data[from…to)`. Throws on a frame this client may not accept. */
  push(data: Buffer, from: number, to: number): void {
    let at = from;
    if (this.partial) at = this.fillPartial(data, at, to);
    while (at < to) {
      if (this.headBytes > 0 || to - at < 2) {
        at = this.fillHead(data, at, to);
        if (this.headBytes > 0) return;
        continue;
      }
      const length = headerLength(data, at, to);
      if (length > to - at) {
        at = this.fillHead(data, at, to);
        if (this.headBytes > 0) return;
        continue;
      }
      at = this.payload(data[at]! & 0x0f, payloadLength(data, at), data, at + length, to);
    }
  }

  /** Gathers a split header into `head`; once whole, goes on with its payload. Returns where it stopped reading. */
  private fillHead(data: Buffer, from: number, to: number): number {
    let at = from;
    if (this.headBytes < 2) {
      const take = Math.min(2 - this.headBytes, to - at);
      data.copy(this.head, this.headBytes, at, at + take);
      this.headBytes += take;
      at += take;
      if (this.headBytes < 2) return at;
    }
    const length = headerLength(this.head, 0, 2);
    const take = Math.min(length - this.headBytes, to - at);
    data.copy(this.head, this.headBytes, at, at + take);
    this.headBytes += take;
    at += take;
    if (this.headBytes < length) return at;
    this.headBytes = 0;
    return this.payload(this.head[0]! & 0x0f, payloadLength(this.head, 0), data, at, to);
  }

  /** A frame whose header is read: handed on in place if its payload is all in `data`, else gathered. */
  private payload(opcode: number, length: number, data: Buffer, from: number, to: number): number {
    if (length <= to - from) {
      this.onFrame(opcode, data, from, from + length);
      return from + length;
    }
    this.partial = Buffer.allocUnsafe(length);
    this.partialBytes = 0;
    this.partialOpcode = opcode;
    return this.fillPartial(data, from, to);
  }

  private fillPartial(data: Buffer, from: number, to: number): number {
    const partial = this.partial!;
    const take = Math.min(partial.length - this.partialBytes, to - from);
    data.copy(partial, this.partialBytes, from, from + take);
    this.partialBytes += take;
    if (this.partialBytes === partial.length) {
      this.partial = undefined;
      this.onFrame(this.partialOpcode, partial, 0, partial.length);
    }
    return from + take;
  }
}

/** How many bytes the header starting at `at` takes (2, 4 or 10), from its first two bytes; checks them. */
function headerLength(data: Buffer, at: number, to: number): number {
  if (to - at < 2) throw new Error('a frame header needs two bytes');
  if (data[at]! & 0x70) throw new Error('reserved bits set on a frame (no extension was negotiated)');
  const second = data[at + 1]!;
  if (second & 0x80) throw new Error('a server frame must not be masked');
  const length = second & 0x7f;
  return length < 126 ? 2 : length === 126 ? 4 : 10;
}

/** The payload length of the (whole) header starting at `at`. */
function payloadLength(data: Buffer, at: number): number {
  const length = data[at + 1]! & 0x7f;
  if (length < 126) return length;
  if (length === 126) return data.readUInt16BE(at + 2);
  const long = data.readBigUInt64BE(at + 2);
  if (long > BigInt(MAX_FRAME_BYTES)) throw new Error(`a frame of ${long} bytes is over ${MAX_FRAME_BYTES}`);
  return Number(long);
}
