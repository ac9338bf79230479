// A strict RFC 4180 reader for knowledge-base imports: quoted fields may hold commas, quotes ("") and line
// breaks, and each record keeps the line it started on so that a rejected row can be found in the file.

export type CsvRecord = { /** 1-based record number; the header is record 1. */ row: number; /** 1-based line where it starts. */ line: number; fields: string[] };

export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; error: { line: number; message: string } };

export function parseCsv(text: string): CsvResult {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldWasQuoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;

  const endRecord = (): void => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '' && !fieldWasQuoted;
    if (!blank) records.push({ row: records.length + 1, line: recordLine, fields });
    fields = [];
    field = '';
    fieldWasQuoted = false;
  };

  for (let i = 0; i < input.length; i++) {
    const ch = input[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field.length > 0) return { ok: false, error: { line, message: 'a quote may only open a field (escape quotes inside a quoted field as "")' } };
      inQuotes = true;
      fieldWasQuoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      fieldWasQuoted = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (fieldWasQuoted) return { ok: false, error: { line, message: 'text after a closing quote' } };
      field += ch;
    }
  }
  if (inQuotes) return { ok: false, error: { line: quoteLine, message: 'a quoted field is never closed' } };
  if (field.length > 0 || fields.length > 0 || fieldWasQuoted) endRecord();
  return { ok: true, records };
}

/** Splits a list cell ("a | b | c"); empty items are dropped. */
export function splitList(cell: string): string[] {
  return cell
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
