// A USB receipt printer that the operating system exposes as a character device (Linux usblp: /dev/usb/lp0,
// FreeBSD /dev/ulpt0): the bytes are written to the device file. The device gives no reliable way to read DLE EOT
// replies back, so a USB printer is run without status queries and a completed write counts as taken.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { PrinterFailure, type PrinterTransport } from '@mortar/native';

export function createUsbLpTransport(path: string): PrinterTransport {
  let handle: FileHandle | null = null;
  return {
    description: path,
    get isOpen() {
      return handle !== null;
    },
    async open() {
      if (handle) return;
      try {
        // Append-only write, no create: a device that is not there is an offline printer, not a new file.
        handle = await open(path, constants.O_WRONLY | constants.O_APPEND);
      } catch (error: unknown) {
        const code = (error as { code?: unknown }).code;
        throw new PrinterFailure('printer.connectFailed', `Cannot open ${path}.`, typeof code === 'string' ? { cause: code } : undefined);
      }
    },
    async write(bytes) {
      if (!handle) throw new PrinterFailure('printer.notOpen', `${path} is not open.`);
      try {
        let offset = 0;
        while (offset < bytes.length) {
          const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
          offset += bytesWritten;
        }
      } catch (error: unknown) {
        await this.close();
        const code = (error as { code?: unknown }).code;
        throw new PrinterFailure('printer.linkLost', `Writing to ${path} failed.`, typeof code === 'string' ? { cause: code } : undefined);
      }
    },
    request() {
      return Promise.resolve(null);
    },
    async close() {
      const h = handle;
      handle = null;
      await h?.close().catch(() => undefined);
    },
  };
}
