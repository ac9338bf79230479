// Fitting text into a fixed number of monospace columns. Every string here is already reduced to the printer's
// code page (one character, one column), so length is width.

/** Word-wraps to at most `width` columns; a word longer than a line is broken where the line ends. */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/).filter((x) => x.length > 0)) {
      let rest = word;
      if (line.length > 0 && line.length + 1 + rest.length <= w) {
        line += ` ${rest}`;
        continue;
      }
      if (line.length > 0) lines.push(line);
      line = '';
      while (rest.length > w) {
        lines.push(rest.slice(0, w));
        rest = rest.slice(w);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** Indents every wrapped line, keeping the whole within `width`. */
export function wrapIndented(text: string, width: number, indent: number): string[] {
  const pad = ' '.repeat(indent);
  return wrapText(text, width - indent).map((l) => pad + l);
}

/**
 * A label on the left and an amount on the right of the same line. When they do not fit together, a label that
 * fits a line alone keeps its line and the amount goes right-aligned below it; a longer label is wrapped with
 * the amount on its last line.
 */
export function leftRight(left: string, right: string, width: number, indent = 0): string[] {
  if (right.length === 0) return wrapIndented(left, width, indent);
  const room = width - right.length - 1;
  const fitsAlone = indent + left.length <= width;
  if (room < indent + 1 || (indent + left.length > room && fitsAlone)) {
    return [...wrapIndented(left, width, indent), right.padStart(width)];
  }
  const lines = wrapIndented(left, room, indent);
  const last = lines.pop() ?? '';
  return [...lines, last.padEnd(room) + ' ' + right];
}

export type ColumnAlign = 'left' | 'right';

/**
 * A table row: the first column takes whatever room the fixed-width columns leave and wraps; the others are
 * padded to their width. Columns are separated by one space.
 */
export function tableRow(cells: string[], fixedWidths: number[], width: number, aligns: ColumnAlign[]): string[] {
  const [first = '', ...rest] = cells;
  const fixed = fixedWidths.reduce((a, b) => a + b + 1, 0);
  const firstWidth = Math.max(1, width - fixed);
  const firstLines = wrapText(first, firstWidth);
  const tail = rest
    .map((cell, i) => {
      const w = fixedWidths[i] ?? cell.length;
      return ' ' + (aligns[i + 1] === 'left' ? cell.padEnd(w) : cell.padStart(w));
    })
    .join('');
  const last = firstLines.pop() ?? '';
  return [...firstLines, (last.padEnd(firstWidth) + tail).trimEnd()];
}
