// The counter's receipt printer in the journey: native's FakeNetworkPrinter, a real TCP server on 127.0.0.1 that
// keeps every byte, and native's ESC/POS decoder to read back what the till sent it. The e2e project's
// references reach `main` only, so the native package is loaded by name at run time with the few types used here.

export type PrintedCommand =
  | { type: 'text'; text: string }
  | { type: 'cut' }
  | { type: 'barcode'; data: string }
  | { type: string };

export type FakePrinter = {
  readonly port: number;
  printed(): Uint8Array;
  waitUntil(check: () => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

type NativePrinting = {
  FakeNetworkPrinter: { start(port?: number): Promise<FakePrinter> };
  decodeEscPos(bytes: Uint8Array): PrintedCommand[];
  decodedText(commands: PrintedCommand[]): string[];
};

const NATIVE = '@mortar/native';

async function native(): Promise<NativePrinting> {
  return (await import(/* @vite-ignore */ NATIVE)) as NativePrinting;
}

export async function startFakePrinter(): Promise<FakePrinter> {
  return (await native()).FakeNetworkPrinter.start();
}

export type PrintedReceipt = { text: string; commands: PrintedCommand[] };

/** What the printer has been sent so far, decoded: its printed lines and its commands. */
export async function readPrinted(printer: FakePrinter): Promise<PrintedReceipt> {
  const n = await native();
  const commands = n.decodeEscPos(printer.printed());
  return { text: n.decodedText(commands).join('\n'), commands };
}

/** Waits until the printed lines contain `needle` (the printer's bytes arrive from the core's print queue). */
export async function waitForPrinted(printer: FakePrinter, needle: string, timeoutMs = 20_000): Promise<PrintedReceipt> {
  const n = await native();
  await printer.waitUntil(() => n.decodedText(n.decodeEscPos(printer.printed())).join('\n').includes(needle), timeoutMs);
  return readPrinted(printer);
}
