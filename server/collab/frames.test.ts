import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { frameOnce, sendFramed } from './frames';

/** A ws server on loopback with `count` clients; resolves with both ends of every connection. */
async function connected(count: number) {
  const http: Server = createServer();
  const wss = new WebSocketServer({ server: http });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  const serverSides: WebSocket[] = [];
  wss.on('connection', (socket) => serverSides.push(socket));
  const clients: { socket: WebSocket; received: Buffer[] }[] = [];
  for (let i = 0; i < count; i++) {
    const socket = new WebSocket(`ws://127.0.0.1:${port}`);
    const client = { socket, received: [] as Buffer[] };
    socket.on('message', (data, isBinary) => isBinary && client.received.push(data as Buffer));
    await new Promise((resolve) => socket.once('open', resolve));
    clients.push(client);
  }
  while (serverSides.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  const close = async () => {
    for (const { socket } of clients) socket.terminate();
    await new Promise((resolve) => wss.close(resolve));
    await new Promise((resolve) => http.close(resolve));
  };
  return { serverSides, clients, close };
}

const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('a message framed once for a whole room', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(() => close?.());

  it.each([
    ['a small message', 5],
    ['a message with a 16-bit length', 300],
    ['a message with a 64-bit length', 70_000],
  ])('reaches every socket as the same binary message: %s', async (_label, size) => {
    const room = await connected(3);
    close = room.close;
    const message = Uint8Array.from({ length: size }, (_, i) => i % 251);
    const broadcast = frameOnce(message);
    for (const socket of room.serverSides) sendFramed(socket, broadcast);
    await until(() => room.clients.every((c) => c.received.length === 1));
    for (const client of room.clients) expect(new Uint8Array(client.received[0]!)).toEqual(message);
  });

  it('keeps the order of messages sent either way', async () => {
    const room = await connected(1);
    close = room.close;
    const [socket] = room.serverSides;
    sendFramed(socket!, frameOnce(Uint8Array.of(1)));
    socket!.send(Uint8Array.of(2));
    sendFramed(socket!, frameOnce(Uint8Array.of(3)));
    await until(() => room.clients[0]!.received.length === 3);
    expect(room.clients[0]!.received.map((b) => b[0])).toEqual([1, 2, 3]);
  });

  it.each([
    ['ws has frames queued for the socket', { _sender: { sendFrame: vi.fn(), _state: 1, _queue: [{}] } }],
    ['the internals it relies on are not there', {}],
  ])('falls back to an ordinary send when %s', (_label, internals) => {
    const send = vi.fn();
    const socket = { readyState: WebSocket.OPEN, OPEN: WebSocket.OPEN, send, ...internals } as unknown as WebSocket;
    const message = Uint8Array.of(9);
    sendFramed(socket, frameOnce(message));
    expect(send).toHaveBeenCalledWith(message);
  });

  it('sends nothing to a socket that is no longer open', () => {
    const send = vi.fn();
    const socket = { readyState: WebSocket.CLOSING, OPEN: WebSocket.OPEN, send } as unknown as WebSocket;
    sendFramed(socket, frameOnce(Uint8Array.of(9)));
    expect(send).not.toHaveBeenCalled();
  });
});
