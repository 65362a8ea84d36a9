/**
 * A WebSocket client for `bench:stream`'s load generator, on a bare TCP socket: the opening handshake
 * (RFC 6455 §4, its accept key checked), then every byte the server sends read through a FrameReader,
 * text and binary payloads handed to the caller in place, pings answered with pongs and a close with
 * a close. What it sends (init, pings) goes masked, as a client must (§5.3).
 *
 * Why not `ws`: its receiver is a Writable stream that allocates a Buffer per read and per message and
 * costs several times the bench's own work per frame, on the cores the server under test shares. Reads
 * here land in one buffer shared by every socket of the process (`onread`: each read is handed on
 * before the next one starts), so receiving a frame allocates nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { FrameReader, opcodes } from './frameReader.ts';

/** Called with each text or binary frame's payload, `data[from…to)`, valid only during the call. */
type OnMessage = (data: Buffer, from: number, to: number) => void;

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const END_OF_HEAD = Buffer.from('\r\n\r\n');
/** Handshake responses longer than this are refused. */
const MAX_HEAD_BYTES = 8_192;
/** One read buffer for the process: large enough that a client's backlog of batch frames comes in a few reads. */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

export class BenchClient {
  readonly socket: Socket;
  /** True from the server's 101 until the socket closes. */
  open = false;
  private head: Buffer | undefined = Buffer.alloc(0);
  private readonly reader: FrameReader;

  /** Connects to `url` (ws://host:port/path); `onOpen` is called once with whether the handshake succeeded. */
  constructor(url: string, onMessage: OnMessage, onOpen: (opened: boolean) => void) {
    const { hostname, port, pathname, search } = new URL(url);
    const key = randomBytes(16).toString('base64');
    const accept = createHash('sha1')
      .update(key + GUID)
      .digest('base64');
    let settled = false;
    const settle = (opened: boolean) => {
      if (settled) return;
      settled = true;
      onOpen(opened);
    };
    this.reader = new FrameReader((opcode, data, from, to) => {
      if (opcode === opcodes.text || opcode === opcodes.binary || opcode === opcodes.continuation)
        onMessage(data, from, to);
      else if (opcode === opcodes.ping) this.sendFrame(opcodes.pong, data.subarray(from, to));
      else if (opcode === opcodes.close) {
        this.sendFrame(opcodes.close, data.subarray(from, Math.min(to, from + 2)));
        this.socket.end();
      }
    });
    this.socket = connect({
      host: hostname,
      port: Number(port),
      onread: {
        buffer: READ_BUFFER,
        callback: (bytes: number, buffer: Uint8Array) => {
          try {
            if (this.head) this.handshake(buffer as Buffer, bytes, accept, settle);
            else this.reader.push(buffer as Buffer, 0, bytes);
          } catch {
            // A server that breaks the protocol loses its client, as ws would close it: it shows as not received.
            this.socket.destroy();
          }
          return true;
        },
      },
    });
    this.socket.setNoDelay(true);
    this.socket.once('connect', () =>
      this.socket.write(
        `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
    this.socket.on('error', () => {});
    this.socket.once('close', () => {
      this.open = false;
      settle(false);
    });
  }

  /** Sends a text frame. */
  send(text: string): void {
    if (this.open) this.sendFrame(opcodes.text, Buffer.from(text));
  }

  terminate(): void {
    this.open = false;
    this.socket.destroy();
  }

  /** The response to the upgrade: gathered until its blank line, checked, and whatever follows it read as frames. */
  private handshake(data: Buffer, bytes: number, accept: string, settle: (opened: boolean) => void) {
    const head = Buffer.concat([this.head!, data.subarray(0, bytes)]);
    const end = head.indexOf(END_OF_HEAD);
    if (end < 0) {
      if (head.length > MAX_HEAD_BYTES) throw new Error('handshake response too long');
      this.head = head;
      return;
    }
    this.head = undefined;
    const lines = head.toString('latin1', 0, end).split('\r\n');
    const acceptHeader = lines.find((line) => /^sec-websocket-accept:/i.test(line)) ?? '';
    if (!lines[0]!.startsWith('HTTP/1.1 101') || acceptHeader.slice(acceptHeader.indexOf(':') + 1).trim() !== accept)
      throw new Error(`handshake refused: ${lines[0]}`);
    this.open = true;
    settle(true);
    this.reader.push(head, end + END_OF_HEAD.length, head.length);
  }

  /** A masked frame (payloads under 64 KB: a client's init or ping). */
  private sendFrame(opcode: number, payload: Buffer) {
    const extended = payload.length >= 126;
    const head = extended ? 4 : 2;
    const frame = Buffer.allocUnsafe(head + 4 + payload.length);
    frame[0] = 0x80 | opcode;
    frame[1] = 0x80 | (extended ? 126 : payload.length);
    if (extended) frame.writeUInt16BE(payload.length, 2);
    const mask = randomBytes(4);
    mask.copy(frame, head);
    for (let i = 0; i < payload.length; i++) frame[head + 4 + i] = payload[i]! ^ mask[i & 3]!;
    this.socket.write(frame);
  }
}
