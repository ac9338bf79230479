// Purchasing refusals use the stable codes of contract/purchasing-schemas.ts; they cross the API as data like
// every other CoreError (the shared registry's type is widened here rather than edited by this domain).
import { CoreError } from '../api/core-error.js';
import type { ErrorCode } from '../api/contract.js';
import type { PurchasingErrorCode } from './contract/purchasing-schemas.js';

export function purchasingError(code: PurchasingErrorCode, message: string, details?: unknown): CoreError {
  return new CoreError(code as string as ErrorCode, message, details);
}
