// The parent's handle on one counter of the reliability run: its process (started again over the same data
// directory after a kill), its fault proxy, what it said over IPC, and its live socket's history across all
// of its processes (a reconnect is a socket a process opened again by itself, not one a new process opened).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FaultProxy } from './proxy.js';
import type { ChildMessage, ParentMessage } from './protocol.js';

const COUNTER_MAIN = fileURLToPath(new URL('./counter.ts', import.meta.url));

export type LiveHistory = {
  connected: boolean;
  connectsThisProcess: number;
  connects: number;
  reconnects: number;
  closes: number;
  /** Since when the socket is closed (null while open), and the closed spells measured since `resetDowntime`. */
  downSince: number | null;
  longestDownMs: number;
  totalDownMs: number;
};

export type CounterSlot = {
  index: number;
  name: string;
  branchId: string;
  dataDir: string;
  env: Record<string, string>;
  proxy: FaultProxy;
  child: ChildProcess | null;
  inbox: ChildMessage[];
  failures: string[];
  offlineUntil: number;
  nextOffline: number;
  /** Whether the counter should be selling now (a restarted process is told to go on). */
  acting: boolean;
  live: LiveHistory;
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function newLiveHistory(): LiveHistory {
  return { connected: false, connectsThisProcess: 0, connects: 0, reconnects: 0, closes: 0, downSince: Date.now(), longestDownMs: 0, totalDownMs: 0 };
}

export function resetDowntime(live: LiveHistory): void {
  live.longestDownMs = 0;
  live.totalDownMs = 0;
  live.downSince = live.connected ? null : Date.now();
}

export function setConnected(live: LiveHistory, connected: boolean): void {
  const now = Date.now();
  if (connected && live.downSince !== null) {
    live.longestDownMs = Math.max(live.longestDownMs, now - live.downSince);
    live.totalDownMs += now - live.downSince;
    live.downSince = null;
  } else if (!connected && live.downSince === null) {
    live.downSince = now;
  }
  live.connected = connected;
}

export const tell = (slot: CounterSlot, m: ParentMessage) => slot.child?.send(m);

export async function expectMessage<T extends ChildMessage['type']>(slot: CounterSlot, type: T, timeoutMs: number): Promise<Extract<ChildMessage, { type: T }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const i = slot.inbox.findIndex((m) => m.type === type);
    if (i >= 0) return slot.inbox.splice(i, 1)[0] as Extract<ChildMessage, { type: T }>;
    if (Date.now() > deadline) throw new Error(`${slot.name} sent no ${type} (failures: ${slot.failures.join(' | ')})`);
    await sleep(20);
  }
}

export async function spawnCounter(slot: CounterSlot): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', COUNTER_MAIN], { env: { ...process.env, ...slot.env }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  slot.child = child;
  slot.inbox = [];
  setConnected(slot.live, false);
  slot.live.connectsThisProcess = 0;
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  child.on('message', (m) => {
    const message = m as ChildMessage;
    if (message.type === 'live') {
      if (slot.child !== child) return;
      if (message.connected) {
        slot.live.connects++;
        if (message.connects > 1) slot.live.reconnects++;
        slot.live.connectsThisProcess = message.connects;
      } else {
        slot.live.closes++;
      }
      setConnected(slot.live, message.connected);
      return;
    }
    if (message.type === 'failed') slot.failures.push(message.message.slice(0, 300));
    slot.inbox.push(message);
  });
  child.once('exit', (code, signal) => {
    if (slot.child === child) setConnected(slot.live, false);
    if (code !== 0 && signal !== 'SIGKILL' && slot.child === child) slot.failures.push(`exited with ${code ?? signal}: ${stderr.slice(-500)}`);
  });
  await expectMessage(slot, 'ready', 300_000);
  if (slot.acting) tell(slot, { type: 'act' });
}
