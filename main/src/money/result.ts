// Errors leave this module as data (CONVENTIONS.md 5): every exported operation returns a MoneyResult and
// never throws for bad input. Inside, a MoneyFailure is thrown and turned into data at the boundary.
import type { MoneyError, MoneyErrorCode } from './contract.js';

export type MoneyResult<T> = { ok: true; value: T } | { ok: false; error: MoneyError };

export class MoneyFailure extends Error {
  constructor(
    readonly code: MoneyErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'MoneyFailure';
  }

  toError(): MoneyError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function fail(code: MoneyErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new MoneyFailure(code, message, details);
}

/** Runs an engine step and turns a MoneyFailure into `{ ok: false }`; anything else is a bug and rethrows. */
export function attempt<T>(step: () => T): MoneyResult<T> {
  try {
    return { ok: true, value: step() };
  } catch (caught: unknown) {
    if (caught instanceof MoneyFailure) return { ok: false, error: caught.toError() };
    throw caught;
  }
}
