/**
 * The baseline of `bench:stream`: a bare `ws` server that broadcasts every
 * frame the parent sends it to every connected client, the frame encoded
 * once and shared (the same trick the real stream uses), with nothing else:
 * no subscriptions, no ordering, no buffer limits, no heartbeats.
 */
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
server.on('connection', (ws) => ws.on('error', () => ws.terminate()));
server.once('listening', () => {
  const { port } = server.address() as { port: number };
  process.send!({ url: `ws://127.0.0.1:${port}/` });
});

process.on('message', (message: { frame: string }) => {
  const frame = Buffer.from(message.frame);
  for (const ws of server.clients) ws.send(frame, { binary: false });
});
