// CODE128 as ESC/POS prints it: the code sets chosen for a payload and the module width that fits the paper,
// so that a long receipt number still scans on 58 mm paper or is known not to.

/** Printable dots across the paper at 8 dots/mm: 48 mm of a 58 mm roll, 72 mm of an 80 mm roll. */
export function printableDots(paperWidthMm: 58 | 80): number {
  return paperWidthMm === 58 ? 384 : 576;
}

export type Code128Segment = { set: 'B' | 'C'; text: string };
/** The segments in order, and the symbol count: start, data, code set switches and check (the stop apart). */
export type Code128Plan = { segments: Code128Segment[]; symbols: number };

/**
 * Which CODE128 code set each stretch of the payload uses: runs of digits pack two to a symbol in set C,
 * which is what lets a long receipt number fit on 58 mm paper. The rule is the usual greedy one: start in C
 * on four or more leading digits, switch to C for six or more digits inside (four at the end).
 */
export function planCode128(data: string): Code128Plan {
  const segments: Code128Segment[] = [];
  let i = 0;
  const digitRun = (from: number): number => {
    let j = from;
    while (j < data.length && data.charCodeAt(j) >= 48 && data.charCodeAt(j) <= 57) j += 1;
    return j - from;
  };
  while (i < data.length) {
    const run = digitRun(i);
    const atStart = i === 0;
    const atEnd = i + run === data.length;
    const threshold = atStart && atEnd ? 2 : atStart || atEnd ? 4 : 6;
    if (run >= threshold) {
      const even = run - (run % 2);
      // An odd run keeps its first digit in set B so that the pairs end where the run ends.
      const skip = run % 2 === 1 ? 1 : 0;
      if (skip) pushSegment(segments, 'B', data.slice(i, i + 1));
      pushSegment(segments, 'C', data.slice(i + skip, i + skip + even));
      i += skip + even;
    } else {
      pushSegment(segments, 'B', data.slice(i, i + Math.max(run, 1)));
      i += Math.max(run, 1);
    }
  }
  if (segments.some((s) => s.set === 'C' && hasRealTimeSequence(s.text))) {
    // Printers act on DLE EOT / DLE ENQ / DLE DC4 wherever they appear, even inside bar code data; the
    // digit pairs 16 then 04, 05 or 20 would be sent as exactly those bytes in set C, so set B is used instead.
    return countSymbols([{ set: 'B', text: data }]);
  }
  return countSymbols(segments);
}

function hasRealTimeSequence(digits: string): boolean {
  for (let i = 0; i + 4 <= digits.length; i += 2) {
    const pair = digits.slice(i, i + 2);
    const next = digits.slice(i + 2, i + 4);
    if (pair === '16' && (next === '04' || next === '05' || next === '20')) return true;
  }
  return false;
}

function countSymbols(segments: Code128Segment[]): Code128Plan {
  const dataSymbols = segments.reduce((n, s) => n + (s.set === 'C' ? s.text.length / 2 : s.text.length), 0);
  return { segments, symbols: 1 + dataSymbols + (segments.length - 1) + 1 };
}

function pushSegment(segments: Code128Segment[], set: 'B' | 'C', text: string): void {
  const last = segments[segments.length - 1];
  if (last && last.set === set) last.text += text;
  else segments.push({ set, text });
}

/** The widest CODE128 module (2 or 3 dots) that fits the paper with its quiet zones; 0 when none does. */
export function code128ModuleWidth(data: string, paperWidthMm: 58 | 80): number {
  const modules = planCode128(data).symbols * 11 + 13 + 20;
  const dots = printableDots(paperWidthMm);
  if (modules * 3 <= dots) return 3;
  if (modules * 2 <= dots) return 2;
  return 0;
}
