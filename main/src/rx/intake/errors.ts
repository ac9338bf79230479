// The intake's refusals as data: each bad input gets a stable code the counter UI can put into words.

export type IntakeErrorCode =
  | 'intake.notFound'
  | 'intake.tooLarge'
  | 'intake.notAnImage'
  | 'intake.corruptImage'
  | 'intake.blankPage'
  | 'intake.notAPrescription'
  | 'intake.ocrFailed'
  | 'intake.workerFailed'
  | 'intake.timeout';

export type IntakeError = { code: IntakeErrorCode; message: string; details?: Record<string, unknown> };

export class IntakeFailure extends Error {
  readonly code: IntakeErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: IntakeErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export function toIntakeError(e: unknown): IntakeError {
  if (e instanceof IntakeFailure) return e.details === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, details: e.details };
  return { code: 'intake.ocrFailed', message: e instanceof Error ? e.message : String(e) };
}
