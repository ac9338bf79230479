// A small PDF 1.4 writer for printable documents (purchase orders): text only, the standard Helvetica and
// Helvetica-Bold fonts (every reader has them, so nothing is embedded), WinAnsi text, one content stream per
// page, uncompressed so that the text can be searched and checked. No dependency; output is deterministic.

export type PdfFont = 'regular' | 'bold';

/** One run of text at (x, y) in points from the bottom-left corner of the page. */
export type PdfText = { x: number; y: number; size: number; text: string; font?: PdfFont; align?: 'left' | 'right' };

export type PdfPage = { texts: PdfText[]; lines?: { x1: number; y1: number; x2: number; y2: number }[] };

export type PdfDocument = { title: string; createdAt: number; pages: PdfPage[]; width?: number; height?: number };

/** A4 portrait in points. */
export const A4 = { width: 595, height: 842 } as const;

// Helvetica advance widths (per 1000 units of font size) for ASCII 32..126, from the standard font metrics.
const WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584,
  584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
  278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
  500, 334, 260, 334, 584,
];

/** WinAnsi differs from Latin-1 only in 0x80–0x9F; these are the characters a pharmacy document meets there. */
const WIN_ANSI_EXTRA: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '•': 0x95, '™': 0x99 };

function charCode(ch: string): number {
  const extra = WIN_ANSI_EXTRA[ch];
  if (extra !== undefined) return extra;
  const code = ch.codePointAt(0) ?? 63;
  if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return code;
  return 63; // '?': the font has no glyph for it
}

/** Width of `text` in points at `size` (Latin-1 letters beyond ASCII are measured as an average letter). */
export function textWidth(text: string, size: number): number {
  let units = 0;
  for (const ch of text) {
    const code = charCode(ch);
    units += code >= 32 && code <= 126 ? (WIDTHS[code - 32] ?? 556) : 556;
  }
  return (units * size) / 1000;
}

/** `text` cut (with an ellipsis) to fit `maxWidth` points. */
export function fitText(text: string, size: number, maxWidth: number): string {
  if (textWidth(text, size) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 0 && textWidth(`${cut}...`, size) > maxWidth) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}...`;
}

/** A PDF string literal: bytes in WinAnsi, with the three characters PDF reserves escaped. */
function pdfString(text: string): string {
  let out = '(';
  for (const ch of text) {
    const code = charCode(ch);
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (code > 0x7e) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(code);
  }
  return `${out})`;
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

function pageContent(page: PdfPage): string {
  const ops: string[] = [];
  for (const l of page.lines ?? []) ops.push(`0.5 w ${num(l.x1)} ${num(l.y1)} m ${num(l.x2)} ${num(l.y2)} l S`);
  for (const t of page.texts) {
    const x = t.align === 'right' ? t.x - textWidth(t.text, t.size) : t.x;
    ops.push(`BT /${t.font === 'bold' ? 'F2' : 'F1'} ${num(t.size)} Tf ${num(x)} ${num(t.y)} Td ${pdfString(t.text)} Tj ET`);
  }
  return `${ops.join('\n')}\n`;
}

function pdfDate(at: number): string {
  const iso = new Date(at).toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** The document as PDF bytes: catalog, page tree, two fonts, info, then a page and a content stream per page. */
export function writePdf(doc: PdfDocument): Uint8Array {
  const width = doc.width ?? A4.width;
  const height = doc.height ?? A4.height;
  const pages = doc.pages.length > 0 ? doc.pages : [{ texts: [] }];
  const firstPage = 6;
  const objects: string[] = [];
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pages.map((_, i) => `${firstPage + i * 2} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objects[5] = `<< /Title ${pdfString(doc.title)} /Producer (Mortar) /CreationDate (${pdfDate(doc.createdAt)}) >>`;
  pages.forEach((page, i) => {
    const pageObj = firstPage + i * 2;
    const content = pageContent(page);
    objects[pageObj] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageObj + 1} 0 R >>`;
    objects[pageObj + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`;
  });

  // Offsets are in bytes; every string here is Latin-1, one byte per character.
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let n = 1; n < objects.length; n++) {
    offsets[n] = Buffer.byteLength(out, 'latin1');
    out += `${n} 0 obj\n${objects[n] ?? ''}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let n = 1; n < objects.length; n++) out += `${String(offsets[n] ?? 0).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

export type TableColumn = { title: string; x: number; width: number; align?: 'left' | 'right' };

/**
 * Lays out a heading block and a table over as many pages as it needs: the column titles repeat on every
 * page, and each page ends with "Page i of n".
 */
export function tablePages(options: {
  heading: PdfText[];
  /** Where the table starts on the first page (the heading sits above). */
  tableTop: number;
  columns: TableColumn[];
  rows: string[][];
  footer?: string[];
  size?: number;
  width?: number;
  height?: number;
  margin?: number;
}): PdfPage[] {
  const size = options.size ?? 9;
  const leading = size + 5;
  const height = options.height ?? A4.height;
  const width = options.width ?? A4.width;
  const margin = options.margin ?? 50;
  const bottom = margin + 20;
  const pages: PdfPage[] = [];
  let page: PdfPage = { texts: [...options.heading], lines: [] };
  let y = options.tableTop;
  const header = (): void => {
    for (const c of options.columns) page.texts.push({ x: c.align === 'right' ? c.x + c.width : c.x, y, size, text: c.title, font: 'bold', align: c.align ?? 'left' });
    page.lines?.push({ x1: margin, y1: y - 4, x2: width - margin, y2: y - 4 });
    y -= leading + 2;
  };
  header();
  const rows = [...options.rows.map((r) => ({ cells: r, bold: false })), ...(options.footer ? [{ cells: options.footer, bold: true }] : [])];
  for (const row of rows) {
    if (y < bottom) {
      pages.push(page);
      page = { texts: [], lines: [] };
      y = height - margin;
      header();
    }
    options.columns.forEach((c, i) => {
      const text = fitText(row.cells[i] ?? '', size, c.width);
      if (text === '') return;
      page.texts.push({ x: c.align === 'right' ? c.x + c.width : c.x, y, size, text, font: row.bold ? 'bold' : 'regular', align: c.align ?? 'left' });
    });
    y -= leading;
  }
  pages.push(page);
  pages.forEach((p, i) => p.texts.push({ x: width - margin, y: margin - 10, size: 8, text: `Page ${i + 1} of ${pages.length}`, align: 'right' }));
  return pages;
}
