// Parses the presentation grammar of the curated and default dm+d presentations:
//   '<dm+d form> [strength] x<pack>[:<unit>] <gsl|p|pom|cd[:<dm+d CD code>]> [@route]', variants joined by ';'.
// A malformed entry throws, so a typo in the knowledge tables fails the generator instead of shipping.

import { splitFormPrefix, type FormInfo } from './forms.js';

export type UkLegal = 'gsl' | 'p' | 'pom' | 'cd';

export type Presentation = {
  form: FormInfo;
  strength: string | null;
  packSize: number;
  unit: string;
  legal: UkLegal;
  /** dm+d controlled-drug category code that overrides the medicine's own, e.g. '0010' for a weak oral solution */
  cdCode: string | null;
  route: string | null;
};

const parseOne = (text: string): Presentation => {
  const tokens = text.trim().split(/\s+/);
  const packIndex = tokens.findIndex((t) => /^x\d+(:[A-Za-z-]+)?$/.test(t));
  if (packIndex < 1) throw new Error(`presentation without a pack: '${text}'`);
  const head = tokens.slice(0, packIndex).join(' ');
  const [packText = '', unitOverride] = (tokens[packIndex] ?? '').slice(1).split(':');
  const legalToken = tokens[packIndex + 1] ?? '';
  const routeToken = tokens[packIndex + 2];
  const legalMatch = /^(gsl|p|pom|cd)(?::(\d{4}))?$/.exec(legalToken);
  if (!legalMatch) throw new Error(`presentation without a legal category: '${text}'`);
  const split = splitFormPrefix(head);
  if (!split) throw new Error(`presentation with an unknown form: '${text}'`);
  if (routeToken !== undefined && !routeToken.startsWith('@')) throw new Error(`bad route in '${text}'`);
  if (tokens.length > packIndex + 3) throw new Error(`trailing words in '${text}'`);
  const packSize = Number(packText);
  if (!Number.isInteger(packSize) || packSize < 1) throw new Error(`bad pack size in '${text}'`);
  return {
    form: split.info,
    strength: split.rest === '' ? null : split.rest,
    packSize,
    unit: unitOverride ?? split.info.unit,
    legal: legalMatch[1] as UkLegal,
    cdCode: legalMatch[2] ?? null,
    route: routeToken === undefined ? split.info.route : routeToken.slice(1),
  };
};

export const parsePresentations = (text: string): Presentation[] =>
  text
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v.length > 0)
    .map(parseOne);

/**
 * Each ingredient's share of a combined strength: '500 mg/65 mg' over two ingredients gives '500 mg' and
 * '65 mg'; a trailing denominator ('…/5 mL', '…/dose') applies to each. Null when it cannot be split.
 */
export const splitStrength = (strength: string | null, count: number): (string | null)[] => {
  if (strength === null) return Array.from({ length: count }, () => null);
  if (count === 1) return [strength];
  const parts = strength.split('/').map((p) => p.trim());
  if (parts.length === count) return parts;
  if (parts.length === count + 1) {
    const denominator = parts[count] ?? '';
    return parts.slice(0, count).map((p) => `${p}/${denominator}`);
  }
  return Array.from({ length: count }, () => null);
};
