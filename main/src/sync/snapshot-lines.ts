// Rule: a snapshot line is checked before anything of it is kept (DESIGN.md "Sync": nothing is applied
// from a malformed snapshot). A snapshot carries up to millions of events, most of which the counter only
// records (the branch's sales from other tills), so an event no applier reads is not parsed whole: its header
// is parsed and checked here, and its text is checked as JSON by the store as it is inserted.
import type { EventEnvelope } from './contract.js';

export class SnapshotFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export type Line =
  | { t: 'begin'; format: number; at: number; after: number; tenantId: string; branchId: string }
  | { t: 'event'; seq: number; event: EventEnvelope; text: string }
  | { t: 'end'; at: number; events: number };

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;

/** The envelope's fields but its payload, checked by hand. */
function isHeader(e: Record<string, unknown>): boolean {
  return (
    isText(e.id) && isText(e.tenantId) && isText(e.branchId) && isText(e.deviceId) && isText(e.hlc) && isText(e.type) &&
    Number.isInteger(e.schemaVersion) && Number.isInteger(e.occurredAt)
  );
}

/** The envelope's shape (the payload itself is checked by its applier). */
function isEnvelope(v: unknown): v is EventEnvelope {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return isHeader(e) && typeof e.payload === 'object' && e.payload !== null && !Array.isArray(e.payload);
}

const EVENT_PREFIX = '{"t":"event","seq":';
const PAYLOAD_KEY = ',"payload":{';

/** Stands for the payload of an event that is recorded, not applied: its text is what is kept. */
export const UNPARSED_PAYLOAD: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * The line as the server writes it, `{"t":"event","seq":N,"event":{…,"payload":{…}}}`, read without parsing
 * the payload: the header is everything before the first `,"payload":{` (inside a JSON string a quote is
 * always escaped, so that text cannot be part of an earlier value). Null when the line has another layout.
 */
function fastEvent(text: string, needsPayload: (type: string) => boolean): Line | null {
  if (!text.startsWith(EVENT_PREFIX) || !text.endsWith('}}')) return null;
  const cut = text.indexOf(PAYLOAD_KEY);
  if (cut < 0) return null;
  let head: unknown;
  try {
    head = JSON.parse(`${text.slice(0, cut)}}}`);
  } catch {
    return null;
  }
  const l = head as Record<string, unknown>;
  const seq = l.seq;
  const e = l.event as Record<string, unknown> | undefined;
  if (l.t !== 'event' || !Number.isSafeInteger(seq) || (seq as number) <= 0 || Object.keys(l).length !== 3 || !e || !isHeader(e)) return null;
  const start = `${EVENT_PREFIX}${seq as number},"event":`.length;
  if (!text.startsWith(`${EVENT_PREFIX}${seq as number},"event":{`)) return null;
  const envelope = text.slice(start, -1);
  if (!needsPayload(e.type as string)) return { t: 'event', seq: seq as number, event: { ...(e as Omit<EventEnvelope, 'payload'>), payload: UNPARSED_PAYLOAD }, text: envelope };
  let full: unknown;
  try {
    full = JSON.parse(envelope);
  } catch {
    throw new SnapshotFailure('sync.badSnapshot', 'The snapshot has a line that is not JSON.');
  }
  if (!isEnvelope(full)) throw new SnapshotFailure('sync.badSnapshot', 'The snapshot has a line of an unknown shape.');
  return { t: 'event', seq: seq as number, event: full, text: envelope };
}

/**
 * One line of the snapshot. `needsPayload` says which event types are applied (their payload is parsed
 * and checked); an event of any other type keeps its header and its text, which the store checks as JSON.
 */
export function parseLine(text: string, needsPayload: (type: string) => boolean): Line {
  const fast = fastEvent(text, needsPayload);
  if (fast) return fast;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new SnapshotFailure('sync.badSnapshot', 'The snapshot has a line that is not JSON.');
  }
  const l = v as Record<string, unknown>;
  // Any other layout of an event line: the event is stored serialised from what was parsed.
  if (l.t === 'event' && Number.isSafeInteger(l.seq) && (l.seq as number) > 0 && isEnvelope(l.event)) return { t: 'event', seq: l.seq as number, event: l.event, text: JSON.stringify(l.event) };
  if (l.t === 'begin' && Number.isSafeInteger(l.at) && Number.isSafeInteger(l.after) && Number.isInteger(l.format)) return l as Line;
  if (l.t === 'end' && Number.isSafeInteger(l.at) && Number.isSafeInteger(l.events)) return l as Line;
  throw new SnapshotFailure('sync.badSnapshot', 'The snapshot has a line of an unknown shape.');
}

/** Splits a byte stream into lines, a chunk's complete lines at a time, holding one chunk and one partial line. */
export async function* lines(body: ReadableStream<Uint8Array>, onChunk: () => void): AsyncGenerator<string[]> {
  const decoder = new TextDecoder();
  let rest = '';
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onChunk();
      // Lines are handed on as soon as they arrive: a slow download still applies (and records) its progress.
      const text = rest + decoder.decode(value, { stream: true });
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      yield parts;
    }
    rest += decoder.decode();
    if (rest.length > 0) yield [rest];
  } finally {
    reader.releaseLock();
  }
}
