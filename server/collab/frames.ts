import * as ws from 'ws';
import type { WebSocket } from 'ws';

/**
 * Broadcasting one message to a room: ws frames a message anew on every `send`;
 * framing it once and writing the same bytes to each socket saves that work per
 * reader (ws made `Sender.frame` static for exactly this). Writing a frame
 * ourselves is only safe while ws has nothing queued for the socket (it queues
 * while compressing or reading a Blob, neither of which this server does), so
 * anything else falls back to `send`.
 */
interface FrameOptions {
  fin: boolean;
  rsv1: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
}

/** What this module relies on of ws's internals; checked before each use. */
interface SenderInternals {
  sendFrame?: (list: Buffer[]) => void;
  _queue?: unknown[];
  _state?: number;
}

// ws exports Sender (its ES module by name, its CommonJS module on the class); its type declarations omit it.
type SenderClass = { frame(data: Buffer, options: FrameOptions): Buffer[] };
const wsExports = ws as unknown as { Sender?: SenderClass; default?: { Sender?: SenderClass } };
const Sender = (wsExports.Sender ?? wsExports.default?.Sender)!;
const BINARY = 0x2;
/** ws's Sender state with nothing in progress. */
const SENDER_IDLE = 0;

export interface Broadcast {
  message: Uint8Array;
  /** The whole frame in one buffer: one write per socket. */
  frame: Buffer[];
}

export function frameOnce(message: Uint8Array): Broadcast {
  const data = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  return { message, frame: [Buffer.concat(Sender.frame(data, { fin: true, rsv1: false, opcode: BINARY, mask: false, readOnly: true }))] };
}

export function sendFramed(socket: WebSocket, { message, frame }: Broadcast): void {
  if (socket.readyState !== socket.OPEN) return;
  const sender = (socket as unknown as { _sender?: SenderInternals })._sender;
  if (sender?.sendFrame && sender._state === SENDER_IDLE && sender._queue?.length === 0) sender.sendFrame(frame);
  else socket.send(message);
}
