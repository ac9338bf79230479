// The one typed contract of Mortar: every operation the UI, the CLI and tests may call, by name.
// Pure: zod schemas and types only, so the renderer and the sync server can import it safely.
import type { z } from 'zod';
import type { OperationSpec } from './api/contract.js';
import { auditOperations } from './audit/contract.js';
import { catalogOperations, demoOperations } from './catalog/contract.js';
import { authOperations, usersOperations } from './people/contract.js';
import { settingsOperations } from './settings/contract.js';
import { setupOperations } from './setup/contract.js';
import { salesOperations } from './sales/contract.js';
import { shiftsOperations } from './shifts/contract.js';
import { inventoryOperations } from './inventory/contract.js';
import { stockWatchOperations } from './inventory/contract/stock-watch.js';
import { stockCardOperations } from './inventory/contract/stock-card.js';
import { printingOperations } from './printing/contract.js';
import { syncOperations } from './sync/contract/ops.js';
import { patientsOperations } from './patients/contract.js';
import { rxOperations } from './rx/contract.js';
import { controlledRegisterOperations } from './rx/contract/controlled-register.js';
import { scanningOperations } from './scanning/contract.js';

export * from './api/contract.js';
export * from './audit/contract.js';
export * from './catalog/contract.js';
export * from './people/contract.js';
export * from './settings/contract.js';
export * from './setup/contract.js';
export * from './sync/contract.js';
export * from './sync/contract/events.js';
export * from './sync/contract/ops.js';
export * from './sales/contract.js';
export * from './shifts/contract.js';
export * from './inventory/contract.js';
export * from './inventory/contract/stock-watch.js';
export * from './inventory/contract/stock-card.js';
export * from './printing/contract.js';
export * from './patients/contract.js';
export * from './rx/contract.js';
export * from './rx/contract/controlled-register.js';
export * from './scanning/contract.js';

export const operations = {
  ...setupOperations,
  ...authOperations,
  ...usersOperations,
  ...settingsOperations,
  ...auditOperations,
  ...catalogOperations,
  ...demoOperations,
  ...salesOperations,
  ...shiftsOperations,
  ...inventoryOperations,
  ...stockWatchOperations,
  ...stockCardOperations,
  ...syncOperations,
  ...patientsOperations,
  ...rxOperations,
  ...controlledRegisterOperations,
  ...scanningOperations,
  ...printingOperations,
} as const satisfies Record<string, OperationSpec>;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type InputOf<N extends OperationName> = z.input<Operations[N]['input']>;
export type ParsedInputOf<N extends OperationName> = z.output<Operations[N]['input']>;
export type OutputOf<N extends OperationName> = z.output<Operations[N]['output']>;

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}
