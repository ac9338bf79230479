// Dose units the parser recognises, each with the UCUM code it is written with in a Dosage. Countable
// dose forms use UCUM annotations ({tablet}); "units" of insulin or heparin are international units.

export type UnitKind = 'count' | 'volume' | 'mass' | 'activity' | 'length';

export type DoseUnit = {
  /** Singular English name, used as Quantity.unit and on labels. */
  name: string;
  plural: string;
  code: string;
  kind: UnitKind;
  /** mL per unit, for household measures and volumes, so days' supply can compare volumes. */
  millilitres?: number;
  /** An ISMP caution to raise when this spelling is used. */
  caution?: string;
};

const count = (name: string, plural = `${name}s`): DoseUnit => ({
  name,
  plural,
  code: `{${name}}`,
  kind: 'count',
});

export const UNITS = {
  tablet: count('tablet'),
  capsule: count('capsule'),
  pill: count('pill'),
  puff: count('puff'),
  drop: count('drop'),
  patch: count('patch', 'patches'),
  spray: count('spray'),
  suppository: count('suppository', 'suppositories'),
  pessary: count('pessary', 'pessaries'),
  lozenge: count('lozenge'),
  troche: count('troche'),
  sachet: count('sachet'),
  packet: count('packet'),
  vial: count('vial'),
  ampule: count('ampule'),
  applicatorful: count('applicatorful'),
  application: count('application'),
  pump: count('pump'),
  softgel: count('softgel'),
  dose: count('dose'),
  mL: { name: 'mL', plural: 'mL', code: 'mL', kind: 'volume', millilitres: 1 },
  L: { name: 'L', plural: 'L', code: 'L', kind: 'volume', millilitres: 1000 },
  teaspoon: { name: 'teaspoon', plural: 'teaspoons', code: '[tsp_us]', kind: 'volume', millilitres: 5 },
  tablespoon: {
    name: 'tablespoon',
    plural: 'tablespoons',
    code: '[tbs_us]',
    kind: 'volume',
    millilitres: 15,
  },
  mg: { name: 'mg', plural: 'mg', code: 'mg', kind: 'mass' },
  mcg: { name: 'mcg', plural: 'mcg', code: 'ug', kind: 'mass' },
  g: { name: 'g', plural: 'g', code: 'g', kind: 'mass' },
  unit: { name: 'unit', plural: 'units', code: '[iU]', kind: 'activity' },
  mEq: { name: 'mEq', plural: 'mEq', code: 'meq', kind: 'mass' },
  inch: { name: 'inch', plural: 'inches', code: '[in_i]', kind: 'length' },
} as const satisfies Record<string, DoseUnit>;

export type UnitKey = keyof typeof UNITS;

const CC_CAUTION = '"cc" is on the ISMP list of error-prone abbreviations (read as "u"); write mL';
const U_CAUTION =
  '"U"/"IU" is on the ISMP and Joint Commission do-not-use lists (read as 0, 4 or IV); write "units"';
const UG_CAUTION = '"µg" is on the ISMP list of error-prone abbreviations (read as mg); write mcg';

/** Spellings (lower case, single token) → unit, with an optional caution for that spelling. */
export const UNIT_WORDS: Record<string, { unit: UnitKey; caution?: string; route?: 'inhaled' }> = {};

function spell(unit: UnitKey, words: string[], caution?: string): void {
  for (const w of words) UNIT_WORDS[w] = caution === undefined ? { unit } : { unit, caution };
}

spell('tablet', ['tablet', 'tablets', 'tab', 'tabs', 'tbl', 'tabl', 'tablt']);
spell('capsule', ['capsule', 'capsules', 'cap', 'caps', 'capsul']);
spell('pill', ['pill', 'pills']);
spell('puff', ['puff', 'puffs', 'actuation', 'actuations']);
// "2 inhalations": the unit word itself says the route.
for (const w of ['inhalation', 'inhalations', 'inh']) UNIT_WORDS[w] = { unit: 'puff', route: 'inhaled' };
spell('drop', ['drop', 'drops', 'gtt', 'gtts', 'gt']);
spell('patch', ['patch', 'patches']);
spell('spray', ['spray', 'sprays']);
spell('suppository', ['suppository', 'suppositories', 'supp', 'supps', 'suppos', 'suppo']);
spell('pessary', ['pessary', 'pessaries', 'ovule', 'ovules']);
spell('lozenge', ['lozenge', 'lozenges']);
spell('troche', ['troche', 'troches']);
spell('sachet', ['sachet', 'sachets']);
spell('packet', ['packet', 'packets']);
spell('vial', ['vial', 'vials']);
spell('ampule', ['ampule', 'ampules', 'ampoule', 'ampoules', 'amp', 'amps']);
spell('applicatorful', ['applicatorful', 'applicatorfuls', 'applicator', 'applicators']);
spell('application', ['application', 'applications']);
spell('pump', ['pump', 'pumps']);
spell('softgel', ['softgel', 'softgels']);
spell('dose', ['dose', 'doses']);
spell('mL', ['ml', 'mls', 'milliliter', 'milliliters', 'millilitre', 'millilitres']);
spell('mL', ['cc', 'ccs'], CC_CAUTION);
spell('L', ['liter', 'liters', 'litre', 'litres']);
spell('teaspoon', ['teaspoon', 'teaspoons', 'teaspoonful', 'teaspoonfuls', 'tsp', 'tsps']);
spell('tablespoon', ['tablespoon', 'tablespoons', 'tablespoonful', 'tablespoonfuls', 'tbsp', 'tbsps', 'tbs']);
spell('mg', ['mg', 'mgs', 'milligram', 'milligrams', 'milligramme', 'milligrammes']);
spell('mcg', ['mcg', 'mcgs', 'microgram', 'micrograms']);
spell('mcg', ['µg', 'μg', 'ug'], UG_CAUTION);
spell('g', ['g', 'gm', 'gms', 'gram', 'grams', 'gramme', 'grammes']);
spell('unit', ['unit', 'units']);
spell('unit', ['u', 'iu', 'ius'], U_CAUTION);
spell('mEq', ['meq']);
spell('inch', ['inch', 'inches']);

export const UNIT_ALIAS_BY_NAME: Record<string, UnitKey> = Object.fromEntries(
  Object.entries(UNITS).map(([key, u]) => [u.name.toLowerCase(), key as UnitKey]),
);

/** Resolves a unit given by name or spelling (e.g. a catalog dose unit) to a known unit, if any. */
export function unitFromName(name: string): UnitKey | undefined {
  const w = name.trim().toLowerCase();
  return UNIT_ALIAS_BY_NAME[w] ?? UNIT_WORDS[w]?.unit;
}
