// What the print queue needs from a link to a printer, whatever carries the bytes (TCP, serial).

export type PrinterTransport = {
  /** For messages: "192.168.1.50:9100", "/dev/ttyUSB0". */
  readonly description: string;
  readonly isOpen: boolean;
  /** Connects; rejects with a PrinterFailure (printer.connectFailed, printer.connectTimeout). */
  open(): Promise<void>;
  /** Resolves once every byte was handed to the operating system; rejects if the link fails on the way. */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Sends a request and resolves the printer's reply of `replyLength` bytes, or `null` when it did not answer
   * within `timeoutMs` (not every printer answers on every link). Rejects when the link is lost.
   */
  request(bytes: Uint8Array, replyLength: number, timeoutMs: number): Promise<Uint8Array | null>;
  /** Closes gracefully; never rejects. */
  close(): Promise<void>;
};
