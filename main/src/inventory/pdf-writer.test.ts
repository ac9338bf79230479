import { describe, expect, it } from 'vitest';
import { fitText, tablePages, textWidth, writePdf } from './pdf-writer.js';

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/** Every xref entry must point at the start of its object, or a reader rebuilds (or refuses) the file. */
function checkXref(text: string): number {
  const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  expect(text.slice(start, start + 4)).toBe('xref');
  const count = Number(/^xref\n0 (\d+)\n/.exec(text.slice(start))?.[1]);
  const entries = text.slice(start).split('\n').slice(3, 2 + count);
  entries.forEach((entry, i) => {
    const offset = Number(entry.slice(0, 10));
    expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
  });
  return count;
}

describe('pdf writer', () => {
  it('writes a PDF 1.4 file with Helvetica, exact xref offsets and stream lengths', () => {
    const text = latin1(writePdf({ title: 'Test (1)', createdAt: Date.UTC(2026, 10, 27), pages: [{ texts: [{ x: 50, y: 800, size: 12, text: 'Hello (world) \\ £5' }] }] }));
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text).toContain('/BaseFont /Helvetica ');
    expect(text).toContain('(Hello \\(world\\) \\\\ \\2435) Tj');
    expect(text).toContain('/Title (Test \\(1\\))');
    expect(text).toContain('/CreationDate (D:20261127000000Z)');
    expect(checkXref(text)).toBe(8);
    const stream = /<< \/Length (\d+) >>\nstream\n([\s\S]*?)endstream/.exec(text);
    expect(Number(stream?.[1])).toBe(stream?.[2]?.length);
  });

  it('spreads a long table over pages, repeating the column titles and numbering the pages', () => {
    const rows = Array.from({ length: 150 }, (_, i) => [String(i + 1), `Item ${i + 1}`, String((i + 1) * 3)]);
    const pages = tablePages({
      heading: [{ x: 50, y: 792, size: 16, text: 'Heading' }],
      tableTop: 740,
      columns: [
        { title: 'No', x: 50, width: 30 },
        { title: 'Item', x: 90, width: 200 },
        { title: 'Qty', x: 300, width: 50, align: 'right' },
      ],
      rows,
      footer: ['', 'Total', '33975'],
    });
    expect(pages.length).toBeGreaterThan(2);
    const text = latin1(writePdf({ title: 'Long', createdAt: 0, pages }));
    expect(text).toContain(`/Count ${pages.length}`);
    expect(text.match(/\(Qty\) Tj/g)).toHaveLength(pages.length);
    expect(text).toContain(`(Page ${pages.length} of ${pages.length}) Tj`);
    for (const row of rows) expect(text).toContain(`(Item ${row[0]}) Tj`);
    expect(text).toContain('(33975) Tj');
    checkXref(text);
  });

  it('measures with the Helvetica widths and cuts text that does not fit', () => {
    expect(textWidth('0000', 10)).toBeCloseTo(22.24);
    expect(textWidth('iiii', 10)).toBeCloseTo(8.88);
    const cut = fitText('Paracetamol 500 mg soluble tablets in a very long pack description', 9, 100);
    expect(cut.endsWith('...')).toBe(true);
    expect(textWidth(cut, 9)).toBeLessThanOrEqual(100);
    expect(fitText('short', 9, 100)).toBe('short');
  });
});
