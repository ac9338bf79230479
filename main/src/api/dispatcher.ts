// Rule: every call goes session → permission → input schema → handler in one SQLite transaction
// (DESIGN.md "How a command flows"). The permission check lives here, in the core, never only in the UI.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { auditLog } from '../audit/audit-log.js';
import { hybridClock, type HybridClock } from '../kernel/hlc.js';
import type { Clock } from '../kernel/clock.js';
import type { IdGenerator } from '../kernel/ids.js';
import { verifySecret } from '../people/passwords.js';
import { isIdle } from '../people/session-info.js';
import { usersStore, type UserRow } from '../people/users-store.js';
import { readSettings } from '../settings/settings-store.js';
import { readTerminal } from '../setup/terminal-store.js';
import { perDatabase } from '../store/per-database.js';
import { outbox } from '../sync/outbox.js';
import {
  isOperationName,
  operations,
  rolePermissions,
  type ApiError,
  type ChangeNotice,
  type OperationName,
  type OperationSpec,
  type Override,
  type Result,
} from '../contract.js';
import type { Actor, AuditRecord, CommandContext, ConnectionState, HandlerMap, Terminal } from './command-context.js';
import { CoreError } from './core-error.js';

export type DispatcherOptions = {
  db: Database;
  clock: Clock;
  ids: IdGenerator;
  handlers: HandlerMap;
  onChange: (notice: ChangeNotice) => void;
  /** Check every answer against its output schema (on by default; a broken promise is a bug to surface). */
  validateOutput?: boolean;
  log?: (message: string, error?: unknown) => void;
};

export type InvokeOptions = { override?: Override };

function actorOf(u: UserRow): Actor {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role };
}

function invalidInput(error: z.ZodError): ApiError {
  return {
    code: 'api.invalidInput',
    message: error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
    details: { issues: error.issues.map((i) => ({ path: i.path.map(String), message: i.message, code: i.code })) },
  };
}

export class Dispatcher {
  private terminal: Terminal | null;
  private hlc: HybridClock | null = null;

  constructor(private readonly o: DispatcherOptions) {
    this.terminal = readTerminal(o.db);
  }

  private hybrid(terminal: Terminal): HybridClock {
    this.hlc ??= hybridClock(this.o.clock, terminal.deviceId, outbox(this.o.db).lastHlc());
    return this.hlc;
  }

  async invoke(connection: ConnectionState, name: string, rawInput: unknown, options: InvokeOptions = {}): Promise<Result<unknown>> {
    const sessionBefore = connection.session ? { ...connection.session } : null;
    try {
      return await this.dispatch(connection, name, rawInput, options);
    } catch (e: unknown) {
      // A refused or failed command changes nothing, not even who is logged in on the connection.
      connection.session = sessionBefore;
      if (e instanceof CoreError) return { ok: false, error: e.toApiError() };
      if (e instanceof z.ZodError) return { ok: false, error: invalidInput(e) };
      this.o.log?.(`operation ${name} failed`, e);
      return { ok: false, error: { code: 'api.internal', message: 'Mortar hit an internal error; nothing was changed.' } };
    }
  }

  private async dispatch(connection: ConnectionState, name: string, rawInput: unknown, options: InvokeOptions): Promise<Result<unknown>> {
    if (!isOperationName(name)) {
      return { ok: false, error: { code: 'api.unknownOperation', message: `There is no operation called ${name}.` } };
    }
    const spec: OperationSpec = operations[name];
    const { db, clock } = this.o;
    const now = clock.now();
    let actor: Actor | null = null;
    let approvedBy: Actor | null = null;
    const session = connection.session;
    if (session) {
      const user = usersStore(db).byId(session.userId);
      if (user && user.active === 1) actor = actorOf(user);
      else connection.session = null;
    }

    if (spec.permission !== null) {
      if (!this.terminal) throw new CoreError('setup.notDone', 'This terminal has not been set up yet.');
      if (!actor || !connection.session) throw new CoreError('auth.notLoggedIn', 'Log in first.');
      const s = connection.session;
      const autoLockMs = readSettings(db).autoLockMinutes * 60_000;
      if (s.locked || isIdle(s, now, autoLockMs)) {
        s.locked = true;
        throw new CoreError('auth.sessionLocked', 'The terminal is locked; unlock it to go on.');
      }
      if (spec.background !== true) s.lastActivityAt = now;
      if (!rolePermissions[actor.role].includes(spec.permission)) {
        if (!options.override) {
          this.recordDenied(actor, name, spec.permission, null, now);
          throw new CoreError('auth.forbidden', `${actor.displayName} (${actor.role}) may not ${spec.summary.toLowerCase()}`, {
            permission: spec.permission,
            overridable: spec.overridable === true,
          });
        }
        approvedBy = await this.checkOverride(actor, name, spec.permission, spec.overridable === true, options.override, now);
      }
    }

    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
    const input: unknown = parsed.data;

    const h = this.o.handlers[name];
    const progress = (requestId: string, stage: string, fraction: number): void =>
      this.o.onChange({ topics: [], op: name, progress: { requestId, stage, fraction } });
    const prepared = h.prepare ? await h.prepare({ db, now, actor, connection, progress }, input as never) : undefined;

    let deferred: ApiError | null = null;
    let audited = 0;
    const ctx: CommandContext = {
      db,
      now,
      ids: this.o.ids,
      clock,
      op: name,
      actor,
      approvedBy,
      overrideReason: options.override?.reason ?? null,
      terminal: this.terminal,
      connection,
      audit: (r: AuditRecord) => {
        const terminal = ctx.terminal;
        if (!terminal) throw new Error('audit before the terminal exists');
        auditLog(db).append({
          id: this.o.ids.next(),
          at: now,
          deviceId: terminal.deviceId,
          actorId: ctx.actor?.id ?? null,
          actorName: ctx.actor?.displayName ?? null,
          approvedById: ctx.approvedBy?.id ?? null,
          action: r.action,
          entityType: r.entityType,
          entityId: r.entityId ?? null,
          before: r.before,
          after: r.after,
          reason: r.reason ?? ctx.overrideReason,
        });
        audited++;
      },
      emit: (type, payload, schemaVersion = 1) => {
        const terminal = ctx.terminal;
        if (!terminal) throw new Error('event before the terminal exists');
        const hlc = this.hybrid(terminal).tick();
        const body = typeof payload === 'function' ? payload(hlc) : payload;
        outbox(db).append({
          id: this.o.ids.next(),
          tenantId: terminal.tenantId,
          branchId: terminal.branchId,
          deviceId: terminal.deviceId,
          hlc,
          type,
          schemaVersion,
          occurredAt: now,
          payload: { ...body, actorId: ctx.actor?.id ?? null },
        });
        return hlc;
      },
      failAfterCommit: (error) => {
        deferred = error;
      },
    };

    const changesBefore = totalChanges(db);
    const run = () => {
      const value = h.run(ctx, input as never, prepared as never);
      if (spec.writes && audited === 0 && totalChanges(db) !== changesBefore) {
        throw new Error(`${name} changed data without an audit entry`);
      }
      return value;
    };
    const value: unknown = spec.writes ? db.transaction(run).immediate() : db.transaction(run).deferred();
    // Setup creates the terminal, and a first sync enrollment gives it the chain's ids: later commands use those.
    if (ctx.terminal && ctx.terminal !== this.terminal) {
      this.terminal = ctx.terminal;
      this.hlc = null;
    }
    if (spec.writes && totalChanges(db) !== changesBefore) this.o.onChange({ topics: [...spec.topics], op: name });
    if (deferred) return { ok: false, error: deferred };
    if (this.o.validateOutput ?? true) spec.output.parse(value);
    return { ok: true, value };
  }

  /** Refusals are facts too: they are audited in their own transaction. */
  private recordDenied(actor: Actor, op: OperationName, permission: string, reason: string | null, now: number): void {
    const terminal = this.terminal;
    if (!terminal) return;
    this.o.db.transaction(() => {
      auditLog(this.o.db).append({
        id: this.o.ids.next(),
        at: now,
        deviceId: terminal.deviceId,
        actorId: actor.id,
        actorName: actor.displayName,
        approvedById: null,
        action: 'auth.permissionDenied',
        entityType: 'operation',
        entityId: op,
        after: { permission },
        reason,
      });
    })();
    this.o.onChange({ topics: ['audit'], op });
  }

  private async checkOverride(
    actor: Actor,
    op: OperationName,
    permission: (typeof rolePermissions)['admin'][number],
    overridable: boolean,
    override: Override,
    now: number,
  ): Promise<Actor> {
    if (!overridable) {
      this.recordDenied(actor, op, permission, 'override offered for an operation that takes none', now);
      throw new CoreError('auth.forbidden', `This action cannot be authorised by a manager override.`, { permission, overridable });
    }
    const approver = usersStore(this.o.db).byUsername(override.username);
    const secretOk =
      approver !== null &&
      approver.active === 1 &&
      ((approver.pin_hash !== null && /^\d{4,8}$/.test(override.secret) && (await verifySecret(approver.pin_hash, override.secret))) ||
        (await verifySecret(approver.password_hash, override.secret)));
    if (!approver || !secretOk || !rolePermissions[approver.role].includes(permission)) {
      this.recordDenied(actor, op, permission, `override by ${override.username} rejected`, now);
      throw new CoreError('auth.overrideRejected', 'The override was not accepted: wrong credential or not allowed.', {
        permission,
      });
    }
    return actorOf(approver);
  }
}

const totalChangesStatement = perDatabase((db: Database) => db.prepare<[], { n: number }>('SELECT total_changes() AS n'));

function totalChanges(db: Database): number {
  return totalChangesStatement(db).get()?.n ?? 0;
}
