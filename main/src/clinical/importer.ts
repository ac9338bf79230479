// Imports a licensed clinical knowledge base (JSON document or CSV tables, formats in README.md), validates
// every row with zod and the knowledge-base compiler, and merges it with or replaces the built-in data.
// A malformed row is reported with its row number and reason; by default the whole import is then refused,
// because silently dropping part of a safety knowledge base would hide gaps from the pharmacist.
import { z } from 'zod';
import type { KnowledgeBase, KnowledgeBaseSection, Reference, Severity } from './contract.js';
import {
  allergyRuleSchema,
  combinationSchema,
  doseLimitSchema,
  drugClassSchema,
  ingredientSchema,
  interactionRuleSchema,
  knowledgeBaseSourceSchema,
  referenceKinds,
  severities,
} from './contract.js';
import { parseCsv, splitList } from './csv.js';
import { builtInKnowledgeBase } from './data/built-in.js';
import { compileKnowledgeBase } from './knowledge-base.js';
import { nameKey } from './normalise.js';

export type ImportSource =
  | { format: 'json'; text: string }
  | { format: 'interactions-csv'; text: string }
  | { format: 'ingredients-csv'; text: string };

export type ImportOptions = {
  /** merge: imported entries replace same-keyed entries and add new ones; replace: imported sections replace the base's. */
  mode: 'merge' | 'replace';
  /** The knowledge base to merge into; the built-in one by default. */
  base?: KnowledgeBase;
  /** reject-import (default): any bad row refuses the import; skip-row: bad rows are left out and listed. */
  onInvalidRow?: 'reject-import' | 'skip-row';
  /** A vendor's severity words mapped to ours, e.g. { severe: 'major', x: 'contraindicated' }. */
  severityMap?: Readonly<Record<string, Severity>>;
  /** Name and licence of the data; required for CSV (a JSON document carries its own). */
  source?: KnowledgeBase['source'];
};

export type RowError = {
  section: KnowledgeBaseSection | 'document';
  /** CSV: record number with the header as row 1. JSON: 1-based position in the section's array. */
  row: number | null;
  /** CSV only: the line the row starts on. */
  line: number | null;
  reason: string;
};

export type ImportErrorCode = 'clinical.import.badFile' | 'clinical.import.invalidRows' | 'clinical.import.conflictsWithBase';

export type ImportResult =
  | {
      ok: true;
      value: {
        knowledgeBase: KnowledgeBase;
        imported: Record<KnowledgeBaseSection, number>;
        rejectedRows: RowError[];
        warnings: RowError[];
      };
    }
  | { ok: false; error: { code: ImportErrorCode; message: string; details: { rows: RowError[] } } };

type Row = { section: KnowledgeBaseSection; row: number; line: number | null; value: unknown };
type Parsed = { source: KnowledgeBase['source'] | undefined; sections: Set<KnowledgeBaseSection>; rows: Row[]; errors: RowError[] };

const sectionSchemas = {
  classes: drugClassSchema,
  ingredients: ingredientSchema,
  combinations: combinationSchema,
  interactions: interactionRuleSchema,
  allergyRules: allergyRuleSchema,
  doseLimits: doseLimitSchema,
} as const;
const sectionNames = Object.keys(sectionSchemas) as KnowledgeBaseSection[];

const documentSchema = z.object({
  format: z.literal('mortar-clinical-kb'),
  version: z.literal(1),
  source: knowledgeBaseSourceSchema,
  classes: z.array(z.unknown()).optional(),
  ingredients: z.array(z.unknown()).optional(),
  combinations: z.array(z.unknown()).optional(),
  interactions: z.array(z.unknown()).optional(),
  allergyRules: z.array(z.unknown()).optional(),
  doseLimits: z.array(z.unknown()).optional(),
});

const interactionColumns = ['id', 'a', 'b', 'severity', 'mechanism', 'effect', 'management', 'references'] as const;
const ingredientColumns = ['name', 'synonyms', 'classes'] as const;

function badFile(message: string, rows: RowError[] = []): ImportResult {
  return { ok: false, error: { code: 'clinical.import.badFile', message, details: { rows } } };
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

function mapSeverity(value: unknown, map: ImportOptions['severityMap']): unknown {
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  if ((severities as readonly string[]).includes(word)) return word;
  if (map !== undefined) {
    for (const [from, to] of Object.entries(map)) if (from.trim().toLowerCase() === word) return to;
  }
  return value;
}

/** "label: Simvastatin SmPC 4.3" → { kind: 'label', citation }; text without a known kind prefix is kind "other". */
export function parseReferenceCell(text: string): Reference {
  const colon = text.indexOf(':');
  if (colon > 0) {
    const kind = text.slice(0, colon).trim().toLowerCase();
    if ((referenceKinds as readonly string[]).includes(kind)) {
      return { kind: kind as Reference['kind'], citation: text.slice(colon + 1).trim() };
    }
  }
  return { kind: 'other', citation: text.trim() };
}

function parseJson(text: string, options: ImportOptions): Parsed | ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (caught: unknown) {
    return badFile(`The file is not valid JSON: ${caught instanceof Error ? caught.message : String(caught)}`);
  }
  const doc = documentSchema.safeParse(raw);
  if (!doc.success) return badFile(`The file is not a Mortar clinical knowledge base: ${describe(doc.error)}`);
  const rows: Row[] = [];
  const sections = new Set<KnowledgeBaseSection>();
  for (const section of sectionNames) {
    const list = doc.data[section];
    if (list === undefined) continue;
    sections.add(section);
    list.forEach((value, i) => rows.push({ section, row: i + 1, line: null, value }));
  }
  return { source: options.source ?? doc.data.source, sections, rows, errors: [] };
}

function parseCsvTable(
  text: string,
  section: 'interactions' | 'ingredients',
  options: ImportOptions,
): Parsed | ImportResult {
  const csv = parseCsv(text);
  if (!csv.ok) return badFile(`CSV syntax error on line ${csv.error.line}: ${csv.error.message}`, [{ section, row: null, line: csv.error.line, reason: csv.error.message }]);
  const [header, ...data] = csv.records;
  if (header === undefined) return badFile('The CSV file is empty.');
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const required: readonly string[] = section === 'interactions' ? interactionColumns : ingredientColumns;
  const missing = required.filter((c) => !names.includes(c));
  if (missing.length > 0) return badFile(`The CSV header lacks column(s): ${missing.join(', ')}.`, [{ section, row: 1, line: header.line, reason: `missing column(s): ${missing.join(', ')}` }]);
  const rows: Row[] = [];
  const errors: RowError[] = [];
  for (const record of data) {
    if (record.fields.length !== names.length) {
      errors.push({ section, row: record.row, line: record.line, reason: `expected ${names.length} columns, found ${record.fields.length}` });
      continue;
    }
    const cell = (name: string): string => (record.fields[names.indexOf(name)] ?? '').trim();
    const value =
      section === 'interactions'
        ? {
            id: cell('id'),
            a: splitList(cell('a')),
            b: splitList(cell('b')),
            severity: cell('severity'),
            mechanism: cell('mechanism'),
            effect: cell('effect'),
            management: cell('management'),
            references: splitList(cell('references')).map(parseReferenceCell),
            ...(names.includes('supersedes') && cell('supersedes') !== '' ? { supersedes: splitList(cell('supersedes')) } : {}),
          }
        : {
            name: cell('name'),
            ...(cell('synonyms') !== '' ? { synonyms: splitList(cell('synonyms')) } : {}),
            classes: splitList(cell('classes')),
          };
    rows.push({ section, row: record.row, line: record.line, value });
  }
  return { source: options.source, sections: new Set([section]), rows, errors };
}

function entryKey(section: KnowledgeBaseSection, value: unknown): string {
  const v = value as Record<string, unknown>;
  switch (section) {
    case 'classes':
    case 'interactions':
    case 'allergyRules':
      return String(v.id);
    case 'ingredients':
    case 'combinations':
      return nameKey(String(v.name));
    case 'doseLimits':
      return `${nameKey(String(v.ingredient))}|${String(v.route)}`;
  }
}

type Origin = { row: number; line: number | null } | 'base';

function merge(
  base: KnowledgeBase,
  parsed: Parsed,
  accepted: readonly Row[],
  mode: ImportOptions['mode'],
): { document: KnowledgeBase; origins: Record<KnowledgeBaseSection, Origin[]> } {
  const sections = {} as Record<KnowledgeBaseSection, unknown[]>;
  const origins = {} as Record<KnowledgeBaseSection, Origin[]>;
  for (const section of sectionNames) {
    const incoming = accepted.filter((r) => r.section === section);
    const keys = new Set(incoming.map((r) => entryKey(section, r.value)));
    const kept =
      parsed.sections.has(section) && mode === 'replace'
        ? []
        : (base[section] as unknown[]).filter((entry) => !keys.has(entryKey(section, entry)));
    sections[section] = [...kept, ...incoming.map((r) => r.value)];
    origins[section] = [...kept.map((): Origin => 'base'), ...incoming.map((r): Origin => ({ row: r.row, line: r.line }))];
  }
  // Every row was checked against its section schema; compileKnowledgeBase re-validates the whole document.
  return { document: { ...base, ...sections } as KnowledgeBase, origins };
}

/** Validates, merges and compiles an import; see ImportOptions for the merge and error policies. */
export function importKnowledgeBase(source: ImportSource, options: ImportOptions): ImportResult {
  const base = options.base ?? builtInKnowledgeBase;
  const parsed =
    source.format === 'json'
      ? parseJson(source.text, options)
      : parseCsvTable(source.text, source.format === 'interactions-csv' ? 'interactions' : 'ingredients', options);
  if ('ok' in parsed) return parsed;
  if (parsed.source === undefined) {
    return badFile('A CSV import needs options.source: the name and licence of the knowledge base.');
  }

  const rejected: RowError[] = [...parsed.errors];
  let accepted: Row[] = [];
  for (const row of parsed.rows) {
    const value =
      (row.section === 'interactions' || row.section === 'allergyRules') && typeof row.value === 'object' && row.value !== null
        ? { ...row.value, severity: mapSeverity((row.value as { severity?: unknown }).severity, options.severityMap) }
        : row.value;
    const checked = sectionSchemas[row.section].safeParse(value);
    if (checked.success) accepted.push({ ...row, value: checked.data });
    else rejected.push({ section: row.section, row: row.row, line: row.line, reason: describe(checked.error) });
  }
  // Cross-row checks (unknown classes, duplicate ids, name clashes) come from compiling the merged result,
  // so that one report lists every bad row; with skip-row, offending rows are dropped and the merge retried.
  for (let attempt = 0; attempt <= parsed.rows.length; attempt++) {
    const { document, origins } = merge(base, parsed, accepted, options.mode);
    const mergedSource = options.mode === 'replace' && sectionNames.every((s) => parsed.sections.has(s))
      ? parsed.source
      : { name: `${base.source.name} + ${parsed.source.name}`, licence: `${base.source.licence}; ${parsed.source.licence}`, ...(parsed.source.version === undefined ? {} : { version: parsed.source.version }) };
    const candidate: KnowledgeBase = { ...document, source: mergedSource };
    const compiled = compileKnowledgeBase(candidate);
    const locate = (section: KnowledgeBaseSection | 'document', index: number | null): Origin =>
      section === 'document' || index === null ? 'base' : (origins[section][index] ?? 'base');
    if (compiled.ok) {
      if (rejected.length > 0 && options.onInvalidRow !== 'skip-row') return invalidRows(rejected);
      const warnings = compiled.value.warnings.flatMap((w): RowError[] => {
        const origin = locate(w.section, w.index);
        return origin === 'base' ? [] : [{ section: w.section, row: origin.row, line: origin.line, reason: w.message }];
      });
      const imported = Object.fromEntries(sectionNames.map((s) => [s, accepted.filter((r) => r.section === s).length])) as Record<KnowledgeBaseSection, number>;
      return { ok: true, value: { knowledgeBase: candidate, imported, rejectedRows: rejected, warnings } };
    }
    const rowIssues: RowError[] = [];
    const baseIssues: RowError[] = [];
    for (const issue of compiled.error.details.issues) {
      const origin = locate(issue.section, issue.index);
      if (origin === 'base') baseIssues.push({ section: issue.section, row: null, line: null, reason: issue.message });
      else rowIssues.push({ section: issue.section, row: origin.row, line: origin.line, reason: issue.message });
    }
    if (baseIssues.length > 0) {
      return {
        ok: false,
        error: {
          code: 'clinical.import.conflictsWithBase',
          message: 'After this import the knowledge base would be inconsistent (e.g. a kept rule names a class the import removed).',
          details: { rows: [...rejected, ...rowIssues, ...baseIssues] },
        },
      };
    }
    if (options.onInvalidRow !== 'skip-row') return invalidRows([...rejected, ...rowIssues]);
    const bad = new Set(rowIssues.map((r) => `${r.section}|${r.row}`));
    accepted = accepted.filter((r) => !bad.has(`${r.section}|${r.row}`));
    rejected.push(...rowIssues);
  }
  return invalidRows(rejected);
}

function invalidRows(rows: RowError[]): ImportResult {
  const sorted = [...rows].sort((a, b) => (a.section < b.section ? -1 : a.section > b.section ? 1 : (a.row ?? 0) - (b.row ?? 0)));
  return {
    ok: false,
    error: {
      code: 'clinical.import.invalidRows',
      message: `${sorted.length} row${sorted.length === 1 ? ' was' : 's were'} rejected; nothing was imported.`,
      details: { rows: sorted },
    },
  };
}
