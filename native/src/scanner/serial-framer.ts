// Cuts the byte stream of a serial scanner into scans. Bytes arrive in chunks that have nothing to do with scans
// (two scans in one chunk, one scan over three), so framing is done here on bytes, before any text decoding.
// Rule: a scan longer than the limit is dropped whole, up to its suffix, so its tail never reaches the till as a
// scan of its own.

/** What ends a scan: CR, LF, CR LF, one configured byte, or nothing (the scan ends when the line goes quiet). */
export type SerialSuffix = 'cr' | 'lf' | 'crlf' | 'none' | { byte: number };

export type SerialFramerSettings = {
  suffix: SerialSuffix;
  /** Bytes the scanner puts before each scan (e.g. STX), taken off when a scan starts with them. */
  prefix: Uint8Array;
  maxScanBytes: number;
};

export type FramerOutput = {
  frames: Uint8Array[];
  /** Bytes dropped because a scan ran past `maxScanBytes`. */
  overflowBytes: number;
};

const CR = 0x0d;
const LF = 0x0a;

export class SerialFramer {
  private buffer: number[] = [];
  private settings: SerialFramerSettings;
  // 'cr' mode: the last byte ended a scan with CR, so an LF right after it is the rest of a CR LF suffix.
  // 'crlf' mode: a CR is waiting to learn whether an LF follows.
  private afterCr = false;
  private overlong = false;

  constructor(settings: SerialFramerSettings) {
    this.settings = settings;
  }

  /** New settings apply to the bytes that come next; a scan half received is kept. */
  reconfigure(settings: SerialFramerSettings): void {
    this.settings = settings;
    this.afterCr = false;
  }

  get pendingBytes(): number {
    return this.buffer.length + (this.afterCr && this.settings.suffix === 'crlf' ? 1 : 0);
  }

  push(chunk: Uint8Array): FramerOutput {
    const out: FramerOutput = { frames: [], overflowBytes: 0 };
    const { suffix } = this.settings;
    for (const byte of chunk) {
      if (suffix === 'cr') {
        const swallowLf = this.afterCr && byte === LF;
        this.afterCr = false;
        if (swallowLf) continue;
        if (byte === CR) {
          this.afterCr = true;
          this.end(out);
        } else this.add(byte, out);
      } else if (suffix === 'lf') {
        if (byte === LF) {
          // A CR LF scanner on an LF setting: the CR is part of the suffix, not of the data.
          if (this.buffer[this.buffer.length - 1] === CR) this.buffer.pop();
          this.end(out);
        } else this.add(byte, out);
      } else if (suffix === 'crlf') {
        if (this.afterCr) {
          this.afterCr = false;
          if (byte === LF) {
            this.end(out);
            continue;
          }
          this.add(CR, out);
        }
        if (byte === CR) this.afterCr = true;
        else this.add(byte, out);
      } else if (suffix === 'none') {
        this.add(byte, out);
      } else if (byte === suffix.byte) {
        this.end(out);
      } else this.add(byte, out);
    }
    return out;
  }

  /** Ends the scan in progress (suffix 'none', after the line went quiet); null when nothing is pending. */
  flushIdle(): Uint8Array | null {
    if (this.overlong) {
      this.overlong = false;
      this.buffer = [];
      return null;
    }
    if (this.buffer.length === 0) return null;
    const frame = this.takeFrame();
    return frame.length > 0 ? frame : null;
  }

  /** Drops a scan half received (link lost, or it went stale); returns how many bytes were dropped. */
  dropPartial(): number {
    const dropped = this.pendingBytes;
    this.buffer = [];
    this.afterCr = false;
    this.overlong = false;
    return dropped;
  }

  private add(byte: number, out: FramerOutput): void {
    if (this.overlong) {
      out.overflowBytes += 1;
      return;
    }
    if (this.buffer.length >= this.settings.maxScanBytes) {
      out.overflowBytes += this.buffer.length + 1;
      this.buffer = [];
      this.overlong = true;
      return;
    }
    this.buffer.push(byte);
  }

  private end(out: FramerOutput): void {
    if (this.overlong) {
      this.overlong = false;
      this.buffer = [];
      return;
    }
    const frame = this.takeFrame();
    // Empty frames are the gaps between suffixes (a stray CR or LF), not scans.
    if (frame.length > 0) out.frames.push(frame);
  }

  private takeFrame(): Uint8Array {
    let bytes = Uint8Array.from(this.buffer);
    this.buffer = [];
    const { prefix } = this.settings;
    if (prefix.length > 0 && startsWith(bytes, prefix)) bytes = bytes.subarray(prefix.length);
    return bytes;
  }
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i += 1) if (bytes[i] !== prefix[i]) return false;
  return true;
}
