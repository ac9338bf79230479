// Reads the few dm+d XML files the demo uses. They are flat, machine-written records, so a small
// tag reader is enough and the generator needs no XML dependency.

export type Vtm = { id: string; name: string; invalid: boolean };
export type LookupEntry = { code: string; description: string };

const decode = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const field = (record: string, tag: string): string | null => {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(record);
  return match ? decode(match[1] ?? '').trim() : null;
};

const records = (xml: string, tag: string): string[] =>
  [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1] ?? '');

export const parseVtms = (xml: string): Vtm[] =>
  records(xml, 'VTM').map((r) => ({
    id: field(r, 'VTMID') ?? '',
    name: field(r, 'NM') ?? '',
    invalid: field(r, 'INVALID') === '1',
  }));

/** One lookup table of f_lookup (e.g. 'CONTROL_DRUG_CATEGORY', 'FORM', 'ROUTE'). */
export const parseLookup = (xml: string, table: string): LookupEntry[] => {
  const section = new RegExp(`<${table}>([\\s\\S]*?)</${table}>`).exec(xml)?.[1] ?? '';
  return records(section, 'INFO').map((r) => ({
    code: field(r, 'CD') ?? '',
    description: field(r, 'DESC') ?? '',
  }));
};

/** Ingredient substance names of f_ingredient, used to check that generated ingredient names are dm+d names. */
export const parseIngredientNames = (xml: string): string[] =>
  records(xml, 'ING').map((r) => field(r, 'NM') ?? '');
