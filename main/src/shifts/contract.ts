// A shift is one cash drawer's working period on a terminal: opened with a float, closed with a blind count
// (the cashier counts before seeing what the till expects), and summed up in X (any time) and Z (at close)
// reports. Pure: schemas and types only.
import { z } from 'zod';

const decimalText = z.string().trim().min(1).max(30);
const person = z.object({ id: z.string(), displayName: z.string() });

export const shiftSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  currency: z.string(),
  exponent: z.number().int(),
  status: z.enum(['open', 'closed']),
  floatMinor: z.number().int(),
  openedAt: z.number(),
  openedBy: person,
  closedAt: z.number().nullable(),
  closedBy: person.nullable(),
  /** Only once closed: while open the expected cash stays hidden, so the count stays blind. */
  countedMinor: z.number().int().nullable(),
  expectedMinor: z.number().int().nullable(),
  overShortMinor: z.number().int().nullable(),
});
export type Shift = z.infer<typeof shiftSchema>;

export const cashMovementSchema = z.object({
  id: z.string(),
  shiftId: z.string(),
  direction: z.enum(['in', 'out']),
  amountMinor: z.number().int(),
  currency: z.string(),
  reason: z.string(),
  at: z.number(),
  actorName: z.string(),
  approvedById: z.string().nullable(),
});
export type CashMovement = z.infer<typeof cashMovementSchema>;

const tenderTotalSchema = z.object({
  kind: z.string(),
  currency: z.string(),
  count: z.number().int(),
  /** In the tender's own currency. */
  amountMinor: z.number().int(),
  /** In the base currency. */
  baseAmountMinor: z.number().int(),
});

export const shiftReportSchema = z.object({
  kind: z.enum(['X', 'Z']),
  shiftId: z.string(),
  deviceId: z.string(),
  terminalName: z.string(),
  currency: z.string(),
  exponent: z.number().int(),
  openedAt: z.number(),
  openedBy: person,
  closedAt: z.number().nullable(),
  closedBy: person.nullable(),
  generatedAt: z.number(),
  sales: z.object({
    count: z.number().int(),
    extendedMinor: z.number().int(),
    discountMinor: z.number().int(),
    netMinor: z.number().int(),
    taxMinor: z.number().int(),
    grossMinor: z.number().int(),
    cashRoundingMinor: z.number().int(),
  }),
  discounts: z.object({
    salesWithDiscount: z.number().int(),
    lineDiscountMinor: z.number().int(),
    basketDiscountMinor: z.number().int(),
    totalMinor: z.number().int(),
  }),
  /** What the sales' tenders took, as tendered (cash before change). */
  byTender: z.array(tenderTotalSchema),
  changeGivenMinor: z.number().int(),
  byTaxRate: z.array(
    z.object({
      key: z.string(),
      code: z.string().nullable(),
      name: z.string(),
      ratePercent: z.string().nullable(),
      salesNetMinor: z.number().int(),
      salesTaxMinor: z.number().int(),
      returnsNetMinor: z.number().int(),
      returnsTaxMinor: z.number().int(),
      voidsNetMinor: z.number().int(),
      voidsTaxMinor: z.number().int(),
      netMinor: z.number().int(),
      taxMinor: z.number().int(),
    }),
  ),
  returns: z.object({
    count: z.number().int(),
    grossMinor: z.number().int(),
    netMinor: z.number().int(),
    taxMinor: z.number().int(),
    refundMinor: z.number().int(),
    byTender: z.array(tenderTotalSchema),
  }),
  voids: z.object({
    count: z.number().int(),
    grossMinor: z.number().int(),
    byTender: z.array(tenderTotalSchema),
  }),
  cashMovements: z.object({
    inMinor: z.number().int(),
    outMinor: z.number().int(),
    items: z.array(cashMovementSchema),
  }),
  /** Sales less returns less voids, gross. */
  netSalesMinor: z.number().int(),
  cash: z.object({
    floatMinor: z.number().int(),
    salesMinor: z.number().int(),
    refundsMinor: z.number().int(),
    voidsMinor: z.number().int(),
    movementsInMinor: z.number().int(),
    movementsOutMinor: z.number().int(),
    expectedMinor: z.number().int(),
  }),
  foreignCash: z.array(
    z.object({
      currency: z.string(),
      expectedMinor: z.number().int(),
      countedMinor: z.number().int().nullable(),
      overShortMinor: z.number().int().nullable(),
    }),
  ),
  count: z
    .object({ countedMinor: z.number().int(), overShortMinor: z.number().int(), note: z.string().nullable() })
    .nullable(),
});
export type ShiftReport = z.infer<typeof shiftReportSchema>;

export const shiftsOperations = {
  'shifts.openShift': {
    input: z.object({ float: decimalText }),
    output: shiftSchema,
    permission: 'sales.sell',
    writes: true,
    topics: ['shifts'],
    summary: 'Open a shift on this terminal with the float in the drawer.',
  },
  'shifts.getCurrentShift': {
    input: z.object({}),
    output: shiftSchema.nullable(),
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: 'The open shift on this terminal, if any.',
  },
  'shifts.recordCashMovement': {
    input: z.object({
      direction: z.enum(['in', 'out']),
      amount: decimalText,
      reason: z.string().trim().min(3).max(300),
    }),
    output: cashMovementSchema,
    permission: 'sales.sell',
    writes: true,
    topics: ['shifts'],
    summary: 'Put cash into or take cash out of the drawer, with the reason.',
  },
  'shifts.getXReport': {
    input: z.object({}),
    output: shiftReportSchema,
    permission: 'shifts.viewReports',
    writes: false,
    topics: [],
    overridable: true,
    summary: 'The open shift so far: sales by tender and tax rate, returns, voids, discounts and expected cash.',
  },
  'shifts.closeShift': {
    input: z.object({
      /** The cash counted in the drawer, in the base currency, entered without seeing the expected amount. */
      counted: decimalText,
      foreignCounted: z
        .array(z.object({ currency: z.string().regex(/^[A-Z]{3}$/), amount: decimalText }))
        .max(20)
        .default([]),
      note: z.string().trim().max(500).optional(),
    }),
    output: z.object({ shift: shiftSchema, report: shiftReportSchema }),
    permission: 'sales.sell',
    writes: true,
    topics: ['shifts'],
    summary: 'Close the shift with a blind count: over/short and the Z report, stored and returned.',
  },
  'shifts.getZReport': {
    input: z.object({ shiftId: z.string().uuid() }),
    output: shiftReportSchema,
    permission: 'shifts.viewReports',
    writes: false,
    topics: [],
    overridable: true,
    summary: 'The Z report stored when a shift was closed.',
  },
  'shifts.listShifts': {
    input: z.object({
      limit: z.number().int().min(1).max(100).default(25),
      cursor: z.number().int().positive().optional(),
    }),
    output: z.object({ shifts: z.array(shiftSchema), nextCursor: z.number().int().nullable() }),
    permission: 'shifts.viewReports',
    writes: false,
    topics: [],
    overridable: true,
    summary: 'Shifts on this terminal, newest first.',
  },
} as const;
