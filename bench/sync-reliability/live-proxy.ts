// The fault proxy's WebSocket side: a counter's live channel (GET /v1/live) passes through it like the
// requests do, and is faulted too. While faulty, each upgrade gets the next fault of a rotation (a counter
// reconnects only a few times in a short run, so every kind must come early): refuse upgrades for a few
// seconds, cut the socket after a while, cut it in the middle of a frame, or hold every frame back (in order).
// Going offline cuts every open socket, as a lost network would. It also reads the server's frames to count
// the notices it passes ('hello' on every connection, 'pull' when there is news), which is how the run knows
// the live path was used.
import type { Socket } from 'node:net';

/** `refuse` opens a window in which every upgrade is refused. */
export type LiveFault = 'refuse' | 'cut' | 'cutMidFrame' | 'delayFrames';

export const LIVE_FAULTS: readonly LiveFault[] = ['cut', 'delayFrames', 'refuse', 'cutMidFrame'];

export type LiveStats = {
  upgrades: number;
  refused: number;
  refusalWindows: number;
  cut: number;
  cutMidFrame: number;
  delayFrames: number;
  framesDelayed: number;
  cutOffline: number;
  /** Cut by the run itself, after the faults, to see every counter reconnect. */
  cutOnPurpose: number;
  hellos: number;
  pullNotices: number;
};

export function emptyLiveStats(): LiveStats {
  return { upgrades: 0, refused: 0, refusalWindows: 0, cut: 0, cutMidFrame: 0, delayFrames: 0, framesDelayed: 0, cutOffline: 0, cutOnPurpose: 0, hellos: 0, pullNotices: 0 };
}

export function isUpgrade(headText: string): boolean {
  return /\r\nupgrade:\s*websocket/i.test(headText);
}

/** Counts the server's text frames by their `type`, over a byte stream that may split or join frames. */
export function frameCounter(onText: (type: string) => void): (chunk: Buffer) => void {
  let buffered: Buffer = Buffer.alloc(0);
  return (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    for (;;) {
      if (buffered.length < 2) return;
      const b0 = buffered[0] ?? 0;
      const b1 = buffered[1] ?? 0;
      let length = b1 & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffered.length < 4) return;
        length = buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffered.length < 10) return;
        length = Number(buffered.readBigUInt64BE(2));
        offset = 10;
      }
      if (b1 & 0x80) offset += 4;
      if (buffered.length < offset + length) return;
      if ((b0 & 0x0f) === 1 && !(b1 & 0x80)) {
        try {
          const type = (JSON.parse(buffered.subarray(offset, offset + length).toString('utf8')) as { type?: unknown }).type;
          if (typeof type === 'string') onText(type);
        } catch {
          // Not JSON: not a notice.
        }
      }
      buffered = buffered.subarray(offset + length);
    }
  };
}

export type LiveContext = {
  stats: LiveStats;
  /** The fault for the next upgrade made while faulty. */
  nextFault: () => LiveFault;
  random: () => number;
  faulty: () => boolean;
  upstream: () => Socket;
  /** Sockets open now, so that going offline can cut them. */
  open: Set<Socket>;
  refuseUntil: { at: number };
};

const HEAD_END = Buffer.from('\r\n\r\n');

const REFUSAL = 'HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n';

/** Passes one upgrade request (head as the client sent it) to the server and the socket both ways after it. */
export function passUpgrade(client: Socket, head: Buffer, ctx: LiveContext): void {
  const { stats, random } = ctx;
  const now = Date.now();
  const fault = !ctx.faulty() ? 'none' : now < ctx.refuseUntil.at ? 'refuse' : ctx.nextFault();
  if (fault === 'refuse') {
    if (now >= ctx.refuseUntil.at) {
      ctx.refuseUntil.at = now + 1_500 + Math.floor(random() * 4_500);
      stats.refusalWindows++;
    }
    stats.refused++;
    client.end(REFUSAL);
    return;
  }
  stats.upgrades++;
  if (fault === 'delayFrames') stats.delayFrames++;
  const up = ctx.upstream();
  ctx.open.add(client);
  const count = frameCounter((type) => {
    if (type === 'hello') stats.hellos++;
    else if (type === 'pull') stats.pullNotices++;
  });
  let cutAtFrame = fault === 'cutMidFrame' ? 1 + Math.floor(random() * 3) : -1;
  const delay = fault === 'delayFrames' ? 100 + Math.floor(random() * 1_400) : 0;
  // Held frames leave in order: each waits for the one before it.
  let queue = Promise.resolve();
  const frames = (chunk: Buffer) => {
    if (cutAtFrame > 0 && --cutAtFrame === 0 && chunk.length > 1 && ctx.faulty()) {
      stats.cutMidFrame++;
      // Part of the frame gets through, then the connection dies: the client holds half a message.
      client.write(chunk.subarray(0, 1 + Math.floor(random() * (chunk.length - 1))));
      client.destroy();
      up.destroy();
      return;
    }
    count(chunk);
    client.write(chunk);
  };
  // The server's answer to the upgrade comes first; frames (and the faults on them) only after it.
  let answer: Buffer | null = Buffer.alloc(0) as Buffer;
  const deliver = (chunk: Buffer) => {
    if (client.destroyed) return;
    if (answer === null) return frames(chunk);
    answer = Buffer.concat([answer, chunk]);
    const at = answer.indexOf(HEAD_END);
    if (at < 0) return void client.write(chunk);
    const rest = answer.subarray(at + HEAD_END.length);
    answer = null;
    client.write(chunk.subarray(0, chunk.length - rest.length));
    if (rest.length > 0) frames(rest);
  };
  up.on('data', (chunk: Buffer) => {
    if (delay > 0 && ctx.faulty()) {
      stats.framesDelayed++;
      queue = queue.then(() => new Promise<void>((r) => setTimeout(r, delay))).then(() => deliver(chunk));
    } else {
      queue = queue.then(() => deliver(chunk));
    }
  });
  client.on('data', (chunk: Buffer) => up.write(chunk));
  const end = () => {
    ctx.open.delete(client);
    client.destroy();
    up.destroy();
  };
  up.once('close', () => void queue.then(end));
  up.once('error', end);
  client.once('close', end);
  if (fault === 'cut') {
    // The socket works for a while, then the connection is lost without a closing handshake.
    setTimeout(() => {
      if (!ctx.faulty() || client.destroyed) return;
      stats.cut++;
      end();
    }, 500 + Math.floor(random() * 6_000)).unref();
  }
  up.write(head);
}
