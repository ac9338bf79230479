// Purchasing refusals use stable codes of the shared registry (api/contract.ts errorCodes), the one list of
// codes: an inventory code missing from it fails the type-check here.
import { CoreError } from '../api/core-error.js';
import type { ErrorCode } from '../api/contract.js';

export function purchasingError(code: Extract<ErrorCode, `inventory.${string}`>, message: string, details?: unknown): CoreError {
  return new CoreError(code, message, details);
}
