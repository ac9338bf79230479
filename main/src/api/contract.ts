// The shape every operation shares: a name `<domain>.<verbNoun>`, input and output schemas, the permission
// it needs and whether it writes. Pure: schemas and types only, shared with the renderer and sync server.
import { z } from 'zod';

export const permissions = [
  'catalog.read',
  'catalog.manage',
  'stock.read',
  'users.manage',
  'settings.manage',
  'audit.read',
  'demo.load',
  'sales.sell',
  'sales.discount',
  'sales.void',
  'rx.verify',
  'patients.readClinical',
  'settings.taxRules',
  'sales.exchangeRates',
  'sales.refund',
  'shifts.viewReports',
  'stock.releaseQuarantine',
  'stock.receive',
  'stock.quarantine',
  'stock.writeOff',
  'stock.recall',
  'stock.count',
  'stock.approveStocktake',
  'suppliers.manage',
  'purchasing.order',
  'purchasing.approve',
  'devices.manage',
  'printing.manage',
] as const;
export type Permission = (typeof permissions)[number];

export const roles = ['cashier', 'pharmacist', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Role → permissions, as data so the UI can hide what a role cannot do; the core checks it again. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  cashier: ['catalog.read', 'stock.read', 'sales.sell', 'stock.count'],
  pharmacist: ['catalog.read', 'stock.read', 'sales.sell', 'sales.discount', 'rx.verify', 'patients.readClinical', 'sales.refund', 'stock.releaseQuarantine',
    'stock.receive', 'stock.quarantine', 'stock.writeOff', 'stock.recall', 'stock.count', 'purchasing.order'],
  manager: [
    'catalog.read',
    'catalog.manage',
    'stock.read',
    'sales.sell',
    'sales.discount',
    'sales.void',
    'audit.read',
    'users.manage',
    'demo.load',
    'settings.taxRules',
    'sales.exchangeRates',
    'sales.refund',
    'shifts.viewReports',
    'stock.receive',
    'stock.quarantine',
    'stock.writeOff',
    'stock.recall',
    'stock.count',
    'stock.approveStocktake',
    'suppliers.manage',
    'purchasing.order',
    'purchasing.approve',
    'printing.manage',
    'devices.manage',
  ],
  admin: [...permissions],
};

/** Change topics: after a write commits, open screens showing these refresh by themselves. */
export const topics = ['catalog', 'stock', 'users', 'settings', 'session', 'audit', 'sales', 'shifts', 'inventory', 'patients', 'rx', 'printing'] as const;
export type Topic = (typeof topics)[number];

export type OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = {
  input: I;
  output: O;
  /** null: callable without a session (setup status, login). */
  permission: Permission | null;
  writes: boolean;
  topics: readonly Topic[];
  /** A user lacking the permission may still run it with a manager's credential for this one call. */
  overridable?: boolean;
  /**
   * A read the screen makes by itself on a timer (status in the top bar): it needs the session and the
   * permission like any other, but does not count as someone working at the counter, so it never keeps an
   * unattended terminal from locking itself.
   */
  background?: boolean;
  summary: string;
};

export function operation<I extends z.ZodType, O extends z.ZodType>(spec: OperationSpec<I, O>): OperationSpec<I, O> {
  return spec;
}

export const errorCodes = [
  'api.unknownOperation',
  'api.invalidInput',
  'api.internal',
  'api.badRequest',
  'auth.notLoggedIn',
  'auth.invalidCredentials',
  'auth.accountLocked',
  'auth.sessionLocked',
  'auth.forbidden',
  'auth.overrideRejected',
  'auth.userDisabled',
  'auth.pinNotSet',
  'setup.alreadyDone',
  'setup.notDone',
  'users.usernameTaken',
  'users.notFound',
  'users.lastAdmin',
  'users.weakPassword',
  'catalog.productNotFound',
  'catalog.gtinTaken',
  'catalog.gtinInvalid',
  'catalog.skuTaken',
  'demo.alreadyLoaded',
  'store.conflict',
  'sales.unknownGtin',
  'sales.unknownProduct',
  'sales.scanHasNoGtin',
  'sales.productInactive',
  'sales.prescriptionRequired',
  'sales.outOfStock',
  'sales.unknownLot',
  'sales.emptyCart',
  'sales.invalidQuantity',
  'sales.invalidDiscount',
  'sales.discountNeedsApproval',
  'sales.discountLimit',
  'sales.approvalInvalid',
  'sales.quantityLimit',
  'sales.invalidTender',
  'sales.cardReferenceRequired',
  'sales.storeCreditNotFound',
  'sales.storeCreditInsufficient',
  'sales.invalidExchangeRate',
  'sales.taxRulesMissing',
  'sales.taxCategoryMissing',
  'sales.idempotencyConflict',
  'sales.saleNotFound',
  'sales.receiptNotFound',
  'sales.returnExceedsSold',
  'sales.alreadyVoided',
  'sales.saleHasReturns',
  'sales.voidShiftClosed',
  'stock.batchExpired',
  'stock.batchQuarantined',
  'stock.batchNotFound',
  'stock.wouldGoNegative',
  'stock.notQuarantined',
  'shifts.noOpenShift',
  'shifts.alreadyOpen',
  'shifts.cashBelowZero',
  'shifts.notFound',
  'shifts.stillOpen',
  'stock.expiredOnReceipt',
  'stock.recalled',
  'inventory.supplierNotFound',
  'inventory.supplierNameTaken',
  'inventory.supplierInactive',
  'inventory.unknownGtin',
  'inventory.scanIncomplete',
  'inventory.emptyLine',
  'inventory.lotNotFound',
  'inventory.purchaseOrderNotFound',
  'inventory.purchaseOrderState',
  'inventory.purchaseOrderSupplier',
  'inventory.belowMinimumOrder',
  'inventory.notPackMultiple',
  'inventory.supplierReturnNeedsSupplier',
  'inventory.destructionNeedsWitness',
  'inventory.recallNotFound',
  'inventory.stocktakeNotFound',
  'inventory.stocktakeState',
  'inventory.stocktakeEmpty',
  'inventory.purchaseOrderEmpty',
  'inventory.duplicateOrderLine',
  'inventory.orderCostMissing',
  'inventory.supplierNoEdi',
  'inventory.ediOrderNotFound',
  'inventory.ediDocumentDuplicate',
  'inventory.transferNotFound',
  'inventory.transferMalformed',
  'inventory.transferChecksum',
  'inventory.transferTenant',
  'inventory.transferWrongBranch',
  'inventory.transferAlreadyReceived',
  'inventory.transferFromQuarantine',
  'inventory.forecastFailed',
  'inventory.productNotFound',
  'inventory.notInStocktake',
  'inventory.countIncomplete',
  'inventory.varianceReasonRequired',
  'patients.notFound',
  'rx.notFound',
  'rx.alreadyVerified',
  'rx.notVerified',
  'rx.secondFactorRejected',
  'rx.acknowledgementRequired',
  'rx.productRequired',
  'rx.noRefillsLeft',
  'rx.refillTooEarly',
  'rx.idempotencyConflict',
  'rx.unknownLine',
  'rx.outsideScanFolder',
  'rx.signingLocked',
  'rx.dispenseNotFound',
  'rx.dispenseMismatch',
  'rx.alreadySold',
  'rx.intakeFolderInvalid',
  'controlled.collectorRequired',
  'controlled.notControlled',
  'intake.notFound',
  'intake.tooLarge',
  'intake.notAnImage',
  'intake.corruptImage',
  'intake.blankPage',
  'intake.notAPrescription',
  'intake.ocrFailed',
  'intake.workerFailed',
  'intake.timeout',
  'scanning.badBaudRate',
  'scanning.unknownPort',
  'scanning.portTaken',
  'scanning.scannerNotFound',
  'scanning.badGsSubstitute',
  'scanning.tooManyScanners',
  'printing.printerNotFound',
  'printing.noReceiptPrinter',
  'printing.portsUnavailable',
  'sync.exceptionNotFound',
  'sync.alreadyAcknowledged',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ApiError = { code: ErrorCode | (string & {}); message: string; details?: unknown };

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A manager's credential given for one command, recorded with it. */
export const overrideSchema = z.object({
  username: z.string().min(1).max(64),
  secret: z.string().min(1).max(256),
  reason: z.string().trim().min(3).max(500),
});
export type Override = z.infer<typeof overrideSchema>;

/** What a transport sends for one call. */
export const callSchema = z.object({
  id: z.union([z.string().max(64), z.number().int()]),
  op: z.string().max(100),
  input: z.unknown(),
  override: overrideSchema.optional(),
});
export type Call = z.infer<typeof callSchema>;

/** How far a long call has got (reading a prescription): for the screen that asked, by the id it chose. */
export type CallProgress = { requestId: string; stage: string; fraction: number };

export type ChangeNotice = { topics: Topic[]; op: string; progress?: CallProgress };

/** What the core sends back over a transport: the answer to one call, or a change notice. */
export type ServerMessage =
  | { type: 'result'; id: string | number; result: Result<unknown> }
  | { type: 'change'; notice: ChangeNotice };

/**
 * The bridge the renderer sees, whatever carries it: Electron's preload exposes it as `window.mortar`;
 * in browser mode the renderer builds the same shape over a WebSocket to `/api`.
 */
export type Bridge = {
  invoke(op: string, input: unknown, options?: { override?: Override }): Promise<Result<unknown>>;
  onChange(listener: (notice: ChangeNotice) => void): () => void;
  readonly kind: 'electron' | 'websocket' | 'direct';
};
