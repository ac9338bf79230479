// Purchasing refusals use stable codes of the shared registry (api/contract.ts errorCodes), listed for this
// domain in contract/purchasing-schemas.ts; a code missing from the registry fails the type-check here.
import { CoreError } from '../api/core-error.js';
import type { ErrorCode } from '../api/contract.js';
import type { PurchasingErrorCode } from './contract/purchasing-schemas.js';

export function purchasingError(code: PurchasingErrorCode & ErrorCode, message: string, details?: unknown): CoreError {
  return new CoreError(code, message, details);
}
