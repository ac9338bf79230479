// Rule: the core decides who may do what (DESIGN.md "Security"). When it refuses with `auth.forbidden` and says
// the operation is overridable, a manager may authorise this one call with their own credential: the screen
// asks for it and sends the same call again with `override`. The credential lives only in this call.
import { useCallback, useRef, useState } from 'react';
import type { ApiError, Override } from '@mortar/main/contract';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError; cancelled?: boolean };

/** A mutation's promise (RTK Query's `initiate(...)` result) as data instead of a throw. */
export async function outcomeOf<T>(call: { unwrap(): Promise<T> }): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call.unwrap() };
  } catch (e: unknown) {
    return { ok: false, error: asApiError(e) };
  }
}

export function asApiError(e: unknown): ApiError {
  if (typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string') {
    const { code, message, details } = e as { code: string; message?: unknown; details?: unknown };
    return { code, message: typeof message === 'string' ? message : code, ...(details === undefined ? {} : { details }) };
  }
  return { code: 'bridge.failed', message: e instanceof Error ? e.message : String(e) };
}

function detail(error: ApiError, key: string): unknown {
  return typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>)[key] : undefined;
}

export function isOverridable(error: ApiError): boolean {
  return error.code === 'auth.forbidden' && detail(error, 'overridable') === true;
}

export type OverrideRequest = {
  /** The permission the logged-in role lacks, as the core named it. */
  permission: string | null;
  /** Set when the last credential was refused, to say so in the dialog. */
  rejected: ApiError | null;
  defaultReason: string;
  /** Counts the requests of one run, so each one gets an empty form. */
  attempt: number;
};

export type OverrideControl = {
  request: OverrideRequest | null;
  /** The dialog's answer: a credential, or null when the cashier gave up. */
  answer(override: Override | null): void;
  /**
   * Runs `attempt`; while the core answers "forbidden, but overridable" (or refuses the credential given),
   * asks for a manager's credential and runs it again with it.
   */
  run<T>(attempt: (override?: Override) => Promise<Outcome<T>>, defaultReason?: string): Promise<Outcome<T>>;
};

export function useOverride(): OverrideControl {
  const [request, setRequest] = useState<OverrideRequest | null>(null);
  const resolver = useRef<((o: Override | null) => void) | null>(null);

  const ask = useCallback(
    (r: OverrideRequest) =>
      new Promise<Override | null>((resolve) => {
        resolver.current = resolve;
        setRequest(r);
      }),
    [],
  );

  const answer = useCallback((override: Override | null) => {
    const resolve = resolver.current;
    resolver.current = null;
    setRequest(null);
    resolve?.(override);
  }, []);

  const run = useCallback(
    async <T,>(attempt: (override?: Override) => Promise<Outcome<T>>, defaultReason = ''): Promise<Outcome<T>> => {
      let outcome = await attempt();
      let permission: string | null = null;
      let reason = defaultReason;
      for (let round = 1; ; round++) {
        if (outcome.ok) return outcome;
        const forbidden = isOverridable(outcome.error);
        const rejected = outcome.error.code === 'auth.overrideRejected' && permission !== null;
        if (!forbidden && !rejected) return outcome;
        if (forbidden) permission = (detail(outcome.error, 'permission') as string | undefined) ?? null;
        const override = await ask({ permission, rejected: rejected ? outcome.error : null, defaultReason: reason, attempt: round });
        if (!override) return { ok: false, error: outcome.error, cancelled: true };
        reason = override.reason;
        outcome = await attempt(override);
      }
    },
    [ask],
  );

  return { request, answer, run };
}
