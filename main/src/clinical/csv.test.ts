import { describe, expect, it } from 'vitest';
import { parseCsv, splitList } from './csv.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, escaped quotes and line breaks, keeping the start line of each row', () => {
    const result = parseCsv('id,text\r\na,"one, two"\nb,"say ""hi""\nsecond line"\nc,plain\n');
    expect(result).toEqual({
      ok: true,
      records: [
        { row: 1, line: 1, fields: ['id', 'text'] },
        { row: 2, line: 2, fields: ['a', 'one, two'] },
        { row: 3, line: 3, fields: ['b', 'say "hi"\nsecond line'] },
        { row: 4, line: 5, fields: ['c', 'plain'] },
      ],
    });
  });

  it('strips a byte-order mark and skips blank lines', () => {
    const result = parseCsv('\uFEFFa,b\n\n1,2');
    expect(result.ok && result.records.map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2']]);
    expect(result.ok && result.records[1]?.line).toBe(3);
  });

  it('keeps empty trailing fields', () => {
    const result = parseCsv('a,b,c\n1,,\n');
    expect(result.ok && result.records[1]?.fields).toEqual(['1', '', '']);
  });

  it('rejects an unterminated quote with the line it opened on', () => {
    expect(parseCsv('a,b\n1,"never closed\n2,3')).toEqual({ ok: false, error: { line: 2, message: 'a quoted field is never closed' } });
  });

  it('rejects a stray quote inside an unquoted field and text after a closing quote', () => {
    expect(parseCsv('a,b"c').ok).toBe(false);
    expect(parseCsv('"a"b,c').ok).toBe(false);
  });
});

describe('splitList', () => {
  it('splits on pipes, trims and drops empty items', () => {
    expect(splitList(' class:ssri | tramadol ||')).toEqual(['class:ssri', 'tramadol']);
  });
});
