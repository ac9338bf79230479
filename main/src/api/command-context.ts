import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Clock } from '../kernel/clock.js';
import type { IdGenerator } from '../kernel/ids.js';
import type { Role } from './contract.js';
import type { ApiError, OperationName, OutputOf, ParsedInputOf } from '../contract.js';

export type Actor = { id: string; username: string; displayName: string; role: Role };

export type Terminal = { deviceId: string; name: string; tenantId: string; branchId: string };

/** The per-connection state a transport keeps: who is logged in on it. */
export type Session = {
  userId: string;
  startedAt: number;
  lastActivityAt: number;
  locked: boolean;
};

export type ConnectionState = { session: Session | null };

export type AuditRecord = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
};

export type EventPayload = Record<string, unknown> | ((hlc: string) => Record<string, unknown>);

/** What a handler may use while its command's transaction is open. */
export type CommandContext = {
  db: Database;
  now: number;
  ids: IdGenerator;
  clock: Clock;
  op: OperationName;
  actor: Actor | null;
  approvedBy: Actor | null;
  overrideReason: string | null;
  /** null only before first-run setup. */
  terminal: Terminal | null;
  connection: ConnectionState;
  audit(record: AuditRecord): void;
  /**
   * Appends a sync event to the outbox and returns its hybrid-clock stamp. The payload may be a function of
   * that stamp, for a payload that must name it (a patient save stamps its fields with it).
   */
  emit(type: string, payload: EventPayload, schemaVersion?: number): string;
  /** Commit what the handler wrote (an audited failed login, say) and still answer with this error. */
  failAfterCommit(error: ApiError): void;
};

/** Asynchronous work before the transaction (password hashing): no writes allowed there. */
export type PrepareContext = {
  db: Database;
  now: number;
  actor: Actor | null;
  connection: ConnectionState;
  /** Tells the screens how far this call has got (a change notice with no topics, only progress). */
  progress: (requestId: string, stage: string, fraction: number) => void;
};

export type Handler<N extends OperationName, P = undefined> = {
  prepare?: (ctx: PrepareContext, input: ParsedInputOf<N>) => Promise<P>;
  run: (ctx: CommandContext, input: ParsedInputOf<N>, prepared: P) => OutputOf<N>;
};

export function handler<N extends OperationName, P = undefined>(h: Handler<N, P>): Handler<N, P> {
  return h;
}

// The prepared value's type is private to each handler; the map only needs every operation covered.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type HandlerMap = { [N in OperationName]: Handler<N, any> };
