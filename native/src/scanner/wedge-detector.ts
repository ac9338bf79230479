// Tells a keyboard-wedge scanner from a person typing, by timing alone: a scanner "types" a burst of characters a
// few milliseconds apart ending in Enter; people type slower. Pure and DOM-free (no Node either), so the renderer
// can run it on keydown events and tests can drive it with made-up timestamps.
//
// Holding keys back: a keydown must be let through or swallowed at once, before anyone knows whether a burst
// follows. With `firstKey: 'hold'` (default) every candidate key is swallowed until the burst is decided, and keys
// that turn out to be typing are handed back in `release` for the caller to insert, in order, before the current
// key; nothing of a scan ever reaches an input. With `firstKey: 'pass'` the first key of a possible burst goes
// through unheld (no delay for typing) and, when a scan is recognised, `retract` says how many characters the
// caller must take back out of where that key went.
import { leadingSymbologyId } from './symbology-id.js';
import type { ScanEvent } from './scan-event.js';

/** The parts of a DOM KeyboardEvent the detector reads. */
export type WedgeKeyEvent = {
  key: string;
  /** Milliseconds, any origin (a DOM event's timeStamp), increasing. */
  timeStamp: number;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  repeat?: boolean;
  isComposing?: boolean;
};

/** A key (with modifiers) that a scanner sends for GS, e.g. Ctrl+] or F8. */
export type WedgeKeySpec = { key: string; ctrlKey?: boolean; altKey?: boolean; shiftKey?: boolean; metaKey?: boolean };

export type WedgeOptions = {
  /** Longest gap between two keys of one burst, in ms (default 30). */
  maxGapMs?: number;
  /** Fewest characters before Enter that make a scan (default 4). */
  minLength?: number;
  /** Most characters in a scan; a longer burst is treated as typing (default 4096). */
  maxLength?: number;
  /** Keys that end a scan (default ['Enter']). */
  terminators?: readonly string[];
  /** A printable character the scanner sends in place of GS (e.g. '|'); inside a scan it becomes ASCII 29. */
  gsSubstitute?: string | null;
  /** Keys the scanner sends for GS (default Ctrl+]; add { key: 'F8' } for scanners set up that way). */
  gsKeys?: readonly WedgeKeySpec[];
  firstKey?: 'hold' | 'pass';
  /** Read a leading `]d2`-style symbology identifier into `symbologyId` (default true). */
  symbologyIds?: boolean;
  deviceId?: string;
  /** Clock for `receivedAt`, UTC ms (default Date.now). */
  now?: () => number;
};

export type WedgeStep = {
  /** Prevent the default action of the key just fed (it belongs, or may belong, to a scan). */
  swallow: boolean;
  /** Earlier swallowed keys that were typing after all: insert them, in order, before anything else. */
  release: WedgeKeyEvent[];
  /** Characters that went through before the scan was recognised (firstKey 'pass'): take them back out. */
  retract: number;
  scan: ScanEvent | null;
  /** Call `flush(now)` at this time unless another key comes first (a held key waits to be released). */
  flushAt: number | null;
};

const GS = '\u001d';
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'ScrollLock', 'OS', 'Fn']);

function matchesSpec(e: WedgeKeyEvent, spec: WedgeKeySpec): boolean {
  return (
    e.key === spec.key &&
    Boolean(e.ctrlKey) === Boolean(spec.ctrlKey) &&
    Boolean(e.altKey) === Boolean(spec.altKey) &&
    Boolean(e.metaKey) === Boolean(spec.metaKey) &&
    (spec.shiftKey === undefined || Boolean(e.shiftKey) === spec.shiftKey)
  );
}

export class WedgeDetector {
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private readonly maxLength: number;
  private readonly terminators: ReadonlySet<string>;
  private readonly gsSubstitute: string | null;
  private readonly gsKeys: readonly WedgeKeySpec[];
  private readonly holdFirst: boolean;
  private readonly symbologyIds: boolean;
  private readonly deviceId: string;
  private readonly now: () => number;
  // The burst in progress: its characters (GS already mapped), the keys held back, and how many went through.
  private chars: string[] = [];
  private held: WedgeKeyEvent[] = [];
  private passed = 0;
  private last: number | null = null;

  constructor(options: WedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 30;
    this.minLength = options.minLength ?? 4;
    this.maxLength = options.maxLength ?? 4096;
    this.terminators = new Set(options.terminators ?? ['Enter']);
    this.gsSubstitute = options.gsSubstitute ?? null;
    this.gsKeys = options.gsKeys ?? [{ key: ']', ctrlKey: true }];
    this.holdFirst = (options.firstKey ?? 'hold') === 'hold';
    this.symbologyIds = options.symbologyIds ?? true;
    this.deviceId = options.deviceId ?? 'keyboard';
    this.now = options.now ?? Date.now;
  }

  /** Whether a burst is in progress (some keys may be held). */
  get pending(): boolean {
    return this.chars.length > 0;
  }

  feed(e: WedgeKeyEvent): WedgeStep {
    // Modifier keydowns come between a scanner's characters too (Shift for capitals): they neither start,
    // extend nor break a burst. They pass at once, even ahead of held keys: they carry no text.
    if (MODIFIER_KEYS.has(e.key)) return this.step(false, [], 0, null);

    let release: WedgeKeyEvent[] = [];
    if (this.chars.length > 0 && this.last !== null && e.timeStamp - this.last > this.maxGapMs) release = this.abandon();

    if (this.terminators.has(e.key) && !e.repeat && !e.isComposing) {
      if (this.chars.length >= this.minLength) {
        const scan = this.makeScan();
        const retract = this.passed;
        this.clear();
        return this.step(true, release, retract, scan);
      }
      release = release.concat(this.abandon());
      return this.step(false, release, 0, null);
    }

    const char = this.charOf(e);
    if (char === null) {
      release = release.concat(this.abandon());
      return this.step(false, release, 0, null);
    }
    if (this.chars.length >= this.maxLength) {
      release = release.concat(this.abandon());
    }
    const starting = this.chars.length === 0;
    this.chars.push(char);
    this.last = e.timeStamp;
    if (starting && !this.holdFirst) {
      this.passed = 1;
      return this.step(false, release, 0, null);
    }
    this.held.push(e);
    return this.step(true, release, 0, null);
  }

  /** Releases held keys once the burst has gone quiet for longer than the gap; call it at `flushAt`. */
  flush(now: number): WedgeStep {
    if (this.chars.length > 0 && this.last !== null && now - this.last > this.maxGapMs) {
      return this.step(false, this.abandon(), 0, null);
    }
    return this.step(false, [], 0, null);
  }

  /** Forgets any burst, handing back the keys it held (e.g. when focus leaves the window). */
  reset(): WedgeKeyEvent[] {
    return this.abandon();
  }

  private charOf(e: WedgeKeyEvent): string | null {
    if (e.repeat || e.isComposing) return null;
    if (this.gsKeys.some((spec) => matchesSpec(e, spec))) return GS;
    if (e.key === GS) return GS;
    if (e.ctrlKey || e.altKey || e.metaKey) return null;
    if ([...e.key].length !== 1) return null;
    return e.key === this.gsSubstitute ? GS : e.key;
  }

  private makeScan(): ScanEvent {
    const raw = this.chars.join('');
    return {
      source: 'keyboard',
      deviceId: this.deviceId,
      raw,
      symbologyId: this.symbologyIds ? leadingSymbologyId(raw) : null,
      receivedAt: this.now(),
    };
  }

  private abandon(): WedgeKeyEvent[] {
    const held = this.held;
    this.clear();
    return held;
  }

  private clear(): void {
    this.chars = [];
    this.held = [];
    this.passed = 0;
    this.last = null;
  }

  private step(swallow: boolean, release: WedgeKeyEvent[], retract: number, scan: ScanEvent | null): WedgeStep {
    const flushAt = this.chars.length > 0 && this.last !== null ? this.last + this.maxGapMs + 1 : null;
    return { swallow, release, retract, scan, flushAt };
  }
}
