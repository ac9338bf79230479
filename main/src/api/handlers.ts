import { auditHandlers } from '../audit/audit-handlers.js';
import { catalogHandlers } from '../catalog/catalog-handlers.js';
import { demoHandlers } from '../demo/load-demo.js';
import { authHandlers } from '../people/auth-handlers.js';
import { usersHandlers } from '../people/users-handlers.js';
import { settingsHandlers } from '../settings/settings-handlers.js';
import { setupHandlers } from '../setup/setup-handlers.js';
import { salesHandlers } from '../sales/sales-handlers.js';
import { shiftsHandlers } from '../shifts/shifts-handlers.js';
import { inventoryHandlers } from '../inventory/inventory-handlers.js';
import { stockWatchHandlers } from '../inventory/stock-watch-handlers.js';
import { withExpiryCrossings } from '../inventory/expiry-alerts-hooks.js';
import { stockCardHandlers } from '../inventory/stock-card.js';
import { syncHandlers } from '../sync/sync-handlers.js';
import { patientsHandlers } from '../patients/patients-handlers.js';
import { rxHandlers } from '../rx/rx-handlers.js';
import { controlledRegisterHandlers } from '../rx/controlled-register-handlers.js';
import { scanningHandlers } from '../scanning/scanning-handlers.js';
import { printingHandlers } from '../printing/printing-handlers.js';
import { withReceiptQueued, withZReportQueued } from '../printing/queue-receipt.js';
import { withLabelsQueued } from '../printing/queue-label.js';
import type { HandlerMap } from './command-context.js';

/** Every operation of the contract has exactly one handler; the type fails the build if one is missing. */
export const handlers: HandlerMap = {
  ...setupHandlers,
  ...authHandlers,
  ...usersHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...catalogHandlers,
  ...demoHandlers,
  ...salesHandlers,
  ...shiftsHandlers,
  ...inventoryHandlers,
  ...stockWatchHandlers,
  ...stockCardHandlers,
  ...syncHandlers,
  ...patientsHandlers,
  ...rxHandlers,
  ...controlledRegisterHandlers,
  ...scanningHandlers,
  ...printingHandlers,
  // A completed sale queues its receipt, a closed shift its Z report, in the same transaction (printing/README.md).
  'sales.completeSale': withReceiptQueued(salesHandlers['sales.completeSale']),
  'shifts.closeShift': withZReportQueued(shiftsHandlers['shifts.closeShift']),
  // A dispense queues its labels in the same transaction.
  'rx.dispense': withLabelsQueued(rxHandlers['rx.dispense']),
  // Expiry crossings are looked for after stock comes in, and at the first login or unlock of each day.
  'inventory.receiveDelivery': withExpiryCrossings(inventoryHandlers['inventory.receiveDelivery'], 'always'),
  'inventory.importTransfer': withExpiryCrossings(inventoryHandlers['inventory.importTransfer'], 'always'),
  'auth.login': withExpiryCrossings(authHandlers['auth.login'], 'daily'),
  'auth.pinLogin': withExpiryCrossings(authHandlers['auth.pinLogin'], 'daily'),
  'auth.unlock': withExpiryCrossings(authHandlers['auth.unlock'], 'daily'),
};
