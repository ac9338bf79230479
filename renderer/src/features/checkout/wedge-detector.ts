// Rule: a keyboard-wedge scanner types a whole barcode within a few milliseconds per character and ends it with
// Enter; a person types ten times slower (DESIGN.md "Devices"). Telling the two apart by timing alone lets one
// box take both scans and searches, without holding back or swallowing a single typed character.
// DOM-free: the screen feeds it characters and Enter with timestamps, tests feed it synthetic ones.

/** GS (group separator, FNC1 in a GS1 symbol): ends a variable-length element string before the next AI. */
export const GS = '\u001d';

/**
 * Characters a scanner may be set to send instead of GS when it cannot send character 29. None of them can
 * occur in GS1 data (outside the 82-character set), so mapping them back to GS never changes a batch number.
 */
export const gsSubstitutes = ['~', '^', '|', '@', '#', '$', '`'] as const;
export type GsSubstitute = (typeof gsSubstitutes)[number];

export type WedgeOptions = {
  /** The longest pause between two characters of one scan. */
  maxGapMs?: number;
  /** The shortest scan: EAN-8 has eight characters; anything shorter is typing. */
  minLength?: number;
  /** The longest pause between the last character and Enter. */
  enterGapMs?: number;
  gsSubstitute?: GsSubstitute | null;
};

export const defaultWedgeOptions = { maxGapMs: 60, minLength: 8, enterGapMs: 150 } as const;

export type WedgeVerdict =
  /** Enter after typing (or after nothing): the screen treats it as the person's Enter. */
  | { kind: 'typing' }
  /** Enter ended a burst: `raw` is what arrived (to take back out of the box), `text` the scan with GS restored. */
  | { kind: 'scan'; text: string; raw: string };

export type WedgeDetector = {
  /** One character arrived at `at` (milliseconds on any steady clock). */
  char(char: string, at: number): void;
  /** Enter arrived at `at`: did it end a scanner's burst? Either way the detector starts afresh. */
  enter(at: number): WedgeVerdict;
  /** Forget the current run (the box was cleared, the screen changed). */
  reset(): void;
};

const MAX_RUN = 4096;

export function createWedgeDetector(options: WedgeOptions = {}): WedgeDetector {
  const maxGapMs = options.maxGapMs ?? defaultWedgeOptions.maxGapMs;
  const minLength = options.minLength ?? defaultWedgeOptions.minLength;
  const enterGapMs = options.enterGapMs ?? defaultWedgeOptions.enterGapMs;
  const substitute = options.gsSubstitute ?? null;
  // The trailing run of characters that came close together; a pause starts a new run.
  let run: string[] = [];
  let lastAt = Number.NEGATIVE_INFINITY;

  return {
    char(char, at) {
      if (char.length === 0) return;
      // Time running backwards (a key's own time after one taken on arrival) is no burst either: it starts afresh.
      if (run.length === 0 || at - lastAt > maxGapMs || at < lastAt || run.length >= MAX_RUN) run = [];
      // A multi-character insert (an IME, a paste) arrives at once but is no scanner: it breaks the run.
      if (char.length > 1) {
        run = [];
        lastAt = Number.NEGATIVE_INFINITY;
        return;
      }
      run.push(char);
      lastAt = at;
    },
    enter(at) {
      const burst = run;
      const closeEnough = at - lastAt <= enterGapMs;
      run = [];
      lastAt = Number.NEGATIVE_INFINITY;
      if (burst.length < minLength || !closeEnough) return { kind: 'typing' };
      const raw = burst.join('');
      return { kind: 'scan', raw, text: substitute ? raw.split(substitute).join(GS) : raw };
    },
    reset() {
      run = [];
      lastAt = Number.NEGATIVE_INFINITY;
    },
  };
}

/**
 * Whether text typed by hand is a barcode rather than a search: a GTIN's digits (8, 12, 13 or 14), an element
 * string with GS or an AIM prefix, or a GS1 Digital Link. A cashier keys in the digits under a torn label.
 */
export function looksLikeBarcode(text: string): boolean {
  const t = text.trim();
  return (
    /^\d{8}$|^\d{12,14}$/.test(t) ||
    // An element string starts with an AI's digits or a symbology identifier; a GS after typed words is no barcode.
    (t.includes(GS) && /^(?:\d|\][A-Za-z]\d)/.test(t)) ||
    /^\][A-Za-z]\d/.test(t) ||
    /^01\d{14}(?:1[0-7]|21)/.test(t) ||
    /^https?:\/\/\S+\/01\/\d{8,14}/i.test(t)
  );
}

export type ScanResolution = { scan: string; remaining: string };

/**
 * What Enter in the scan box means, given the box's text and the detector's verdict: a scan (and what stays in
 * the box), or null for the person's own Enter. When a slow stretch split one scan (a busy machine, a Bluetooth
 * scanner sending in packets), the whole box is the scan if it reads as a barcode; otherwise only the burst is,
 * and whatever the person had typed before it stays where it was.
 */
export function resolveEnter(boxText: string, verdict: WedgeVerdict, gsSubstitute: GsSubstitute | null = null): ScanResolution | null {
  const restore = (s: string) => (gsSubstitute ? s.split(gsSubstitute).join(GS) : s);
  const whole = restore(boxText);
  if (verdict.kind === 'typing') return looksLikeBarcode(whole) ? { scan: whole.trim(), remaining: '' } : null;
  if (!boxText.endsWith(verdict.raw)) return { scan: verdict.text, remaining: boxText };
  const before = boxText.slice(0, boxText.length - verdict.raw.length);
  if (before.trim() !== '' && looksLikeBarcode(whole)) return { scan: whole.trim(), remaining: '' };
  return { scan: verdict.text, remaining: before };
}
