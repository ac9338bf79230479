// Printers per terminal and the durable print queue: schemas and types only, shared with the renderer.
import { z } from 'zod';

export const printerCodepages = ['cp858', 'cp850', 'cp437', 'cp1252'] as const;

export const printerConnectionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('tcp'),
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65535).default(9100),
  }),
  z.object({
    kind: z.literal('serial'),
    path: z.string().trim().min(1).max(260),
    baudRate: z.number().int().min(1200).max(921_600).default(9600),
  }),
  /** A USB printer the operating system exposes as a character device (Linux usblp: /dev/usb/lp0). */
  z.object({
    kind: z.literal('usb'),
    path: z.string().trim().min(1).max(260),
  }),
]);
export type PrinterConnectionInput = z.input<typeof printerConnectionSchema>;
export type PrinterConnectionSettings = z.output<typeof printerConnectionSchema>;

export const printerSettingsSchema = z.object({
  name: z.string().trim().min(1).max(80),
  connection: printerConnectionSchema,
  paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
  codepage: z.enum(printerCodepages).default('cp858'),
  /** False for printers with a tear bar only. */
  cutter: z.boolean().default(true),
  /** A cash drawer hangs off this printer's kick-out connector. */
  hasDrawer: z.boolean().default(false),
  /** Receipts of completed sales print here; one printer per terminal. */
  isReceiptPrinter: z.boolean().default(false),
});

export const printerStates = ['idle', 'connecting', 'connected', 'printing', 'paperOut', 'coverOpen', 'offline', 'error', 'stopped'] as const;
export type PrinterLiveState = (typeof printerStates)[number];

export const printerSchema = z.object({
  id: z.string(),
  name: z.string(),
  connection: printerConnectionSchema,
  paperWidthMm: z.union([z.literal(58), z.literal(80)]),
  codepage: z.enum(printerCodepages),
  cutter: z.boolean(),
  hasDrawer: z.boolean(),
  isReceiptPrinter: z.boolean(),
  updatedAt: z.number(),
});
export type PrinterView = z.infer<typeof printerSchema>;

export const printJobStates = ['queued', 'printing', 'printed', 'failed'] as const;
export const printJobKinds = ['receipt', 'copy', 'zReport', 'xReport', 'label', 'test'] as const;

export const printJobSchema = z.object({
  id: z.string(),
  printerId: z.string().nullable(),
  kind: z.enum(printJobKinds),
  saleId: z.string().nullable(),
  shiftId: z.string().nullable(),
  label: z.string(),
  openDrawer: z.boolean(),
  /** `failed` is the last attempt's outcome: the job still waits and is retried with backoff. */
  state: z.enum(printJobStates),
  attempts: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.number(),
  printedAt: z.number().nullable(),
});
export type PrintJobView = z.infer<typeof printJobSchema>;

export const printerStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  isReceiptPrinter: z.boolean(),
  state: z.enum(printerStates),
  connected: z.boolean(),
  offline: z.boolean(),
  paperOut: z.boolean(),
  /** Jobs waiting for this printer. */
  queueLength: z.number().int(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type PrinterStatusView = z.infer<typeof printerStatusSchema>;

export const printingStatusSchema = z.object({
  /** False when no print worker runs for this terminal (tests, the CLI): jobs wait for one. */
  workerRunning: z.boolean(),
  printers: z.array(printerStatusSchema),
  queueLength: z.number().int(),
  waiting: z.array(printJobSchema),
  /** The receipt job of the sale asked about, if any. */
  sale: printJobSchema.nullable(),
});
export type PrintingStatus = z.infer<typeof printingStatusSchema>;

export const serialPortSchema = z.object({
  path: z.string(),
  manufacturer: z.string().nullable(),
  vendorId: z.number().int().nullable(),
  productId: z.number().int().nullable(),
});

const id = z.string().min(1).max(64);

export const printingOperations = {
  'printing.listPrinters': {
    input: z.object({}),
    output: z.array(printerSchema),
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: "List this terminal's printers.",
  },
  'printing.savePrinter': {
    input: printerSettingsSchema.extend({ id: id.optional() }),
    output: printerSchema,
    permission: 'printing.manage',
    writes: true,
    topics: ['printing'],
    summary: 'Add or change a printer of this terminal.',
  },
  'printing.removePrinter': {
    input: z.object({ id }),
    output: z.object({ removed: z.boolean(), movedJobs: z.number().int() }),
    permission: 'printing.manage',
    writes: true,
    topics: ['printing'],
    summary: 'Remove a printer from this terminal.',
  },
  'printing.testPrint': {
    input: z.object({ id, openDrawer: z.boolean().default(false) }),
    output: z.object({ jobId: z.string() }),
    permission: 'printing.manage',
    writes: true,
    topics: ['printing'],
    summary: 'Print a test page (and open the drawer, if asked).',
  },
  'printing.listPorts': {
    input: z.object({}),
    output: z.array(serialPortSchema),
    permission: 'printing.manage',
    writes: false,
    topics: [],
    summary: 'List the serial ports of this computer.',
  },
  'printing.status': {
    input: z.object({ saleId: id.optional() }),
    output: printingStatusSchema,
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: 'The state of each printer and the jobs waiting.',
  },
  'printing.reprint': {
    input: z.object({ saleId: id }),
    output: z.object({ jobId: z.string() }),
    permission: 'sales.sell',
    writes: true,
    topics: ['printing'],
    summary: 'Print a copy of a receipt, marked as a copy.',
  },
  'printing.printShiftReport': {
    input: z.object({ shiftId: id }),
    output: z.object({ jobId: z.string() }),
    permission: 'shifts.viewReports',
    writes: true,
    topics: ['printing'],
    summary: "Print a closed shift's Z report.",
  },
  'printing.printXReport': {
    input: z.object({}),
    output: z.object({ jobId: z.string() }),
    permission: 'shifts.viewReports',
    writes: true,
    topics: ['printing'],
    overridable: true,
    summary: "Print the open shift's X report as it stands now (the shift stays open).",
  },
  'printing.printLabels': {
    input: z.object({ dispenseId: id }),
    output: z.object({ jobIds: z.array(z.string()) }),
    permission: 'rx.verify',
    writes: true,
    topics: ['printing'],
    summary: "Print a dispense's labels again.",
  },
  'printing.retryNow': {
    input: z.object({}),
    output: z.object({ retried: z.number().int() }),
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: 'Try the waiting print jobs again now (paper loaded, printer switched on).',
  },
} as const;
