// Errors reach the screen by their stable code, in the user's language; the core's English message is
// only the fallback for a code this version of the UI does not know yet.
import type { TFunction } from 'i18next';

export type ErrorLike = { code?: string; message?: string; details?: unknown };

export function asErrorLike(error: unknown): ErrorLike | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { code?: unknown; message?: unknown; details?: unknown };
  return {
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.message === 'string' ? { message: e.message } : {}),
    details: e.details,
  };
}

export function errorCode(error: unknown): string | null {
  return asErrorLike(error)?.code ?? null;
}

function detail(error: ErrorLike, key: string): unknown {
  return typeof error.details === 'object' && error.details !== null
    ? (error.details as Record<string, unknown>)[key]
    : undefined;
}

/** Minutes left on a lockout, rounded up, from the `until` the core sends. */
export function minutesUntil(until: unknown, now: number): number {
  return typeof until === 'number' ? Math.max(1, Math.ceil((until - now) / 60_000)) : 1;
}

export function errorWords(t: TFunction, error: unknown, now = Date.now()): string {
  const e = asErrorLike(error);
  if (!e?.code) return t('errors.unknown');
  const fallback = e.message ?? t('errors.unknown');
  switch (e.code) {
    case 'auth.accountLocked':
      return t('errors.auth.accountLocked', { count: minutesUntil(detail(e, 'until'), now) });
    case 'auth.forbidden': {
      const permission = detail(e, 'permission');
      return t('errors.auth.forbidden', {
        permission: typeof permission === 'string' ? t(`permissions.${permission}`, { defaultValue: permission }) : '',
      });
    }
    default:
      return t(`errors.${e.code}`, { defaultValue: fallback });
  }
}

export type FieldIssues = Record<string, string>;

/** `api.invalidInput` names each bad field by its path; the last segment says which form field it is. */
export function fieldIssues(error: unknown): FieldIssues {
  const e = asErrorLike(error);
  if (e?.code !== 'api.invalidInput') return {};
  const issues = detail(e, 'issues');
  const out: FieldIssues = {};
  if (!Array.isArray(issues)) return out;
  for (const issue of issues as unknown[]) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (!Array.isArray(path)) continue;
    const key = path.map(String).join('.');
    if (!(key in out)) out[key] = typeof message === 'string' ? message : '';
  }
  return out;
}

/** The words for a field's problem: what the field needs, in the user's language. */
export function fieldWords(t: TFunction, field: string, serverMessage: string): string {
  const last = field.split('.').pop() ?? field;
  return t(`fieldErrors.${last}`, { defaultValue: serverMessage || t('fieldErrors.invalid') });
}
