// Every Application Identifier rule comes from GS1's Barcode Syntax Dictionary, read at load time, so that
// updating the AI table is a file copy rather than a code change (the table is never retyped here).
import { readFileSync } from 'node:fs';

/** N: digits; X: GS1 CSET 82; Y: GS1 CSET 39; Z: GS1 CSET 64 (base64url). */
export type CharacterSet = 'N' | 'X' | 'Y' | 'Z';

/** One component of an AI's data field, e.g. `N13,csum,gcppos1` or `[X..17]`. */
export type AiComponent = {
  readonly cset: CharacterSet;
  readonly min: number;
  readonly max: number;
  readonly optional: boolean;
  /** Names of the GS1 syntax tests ("linters") applied to this component, in order. */
  readonly linters: readonly string[];
};

/** A pattern such as `01`, `31nn` or `394n`, where `n` stands for any digit. */
export type AiPattern = string;

export type AiEntry = {
  readonly ai: string;
  readonly title: string;
  /** Flag `*`: predefined length, so no FNC1 (GS) separator is needed after the value. */
  readonly fixedLength: boolean;
  /** Flag `?`: the AI may appear as a GS1 Digital Link query-string attribute. */
  readonly dlDataAttribute: boolean;
  readonly components: readonly AiComponent[];
  /** Sum of the mandatory components' minimum lengths. */
  readonly minLength: number;
  /** Sum of every component's maximum length. */
  readonly maxLength: number;
  /**
   * `req=` attributes: every group must be satisfied; a group is satisfied by any one of its alternatives;
   * an alternative lists patterns that must all be present (`01+21`).
   */
  readonly requires: readonly (readonly (readonly AiPattern[])[])[];
  /** `ex=` attributes: patterns that may not appear together with this AI. */
  readonly excludes: readonly AiPattern[];
  /**
   * `dlpkey` attributes: null when the AI is not a Digital Link primary key; otherwise the alternative
   * ordered qualifier lists (an empty list of alternatives means "a key without qualifiers").
   */
  readonly dlQualifiers: readonly (readonly string[])[] | null;
  /** Attributes this parser does not interpret, kept so that nothing in the file is silently lost. */
  readonly otherAttributes: readonly string[];
};

export type SyntaxDictionary = {
  readonly entries: readonly AiEntry[];
  readonly byAi: ReadonlyMap<string, AiEntry>;
  /** AI length (2, 3 or 4) for each two-digit prefix in use; GS1 keeps it constant per prefix. */
  readonly aiLengthByPrefix: ReadonlyMap<string, number>;
  /** Release line of the file, e.g. `2026-01-27`. */
  readonly release: string | null;
};

const FLAG_CHARACTERS = /^[*!?"$%&'()+,\-./:;<=>@[\\\]^_`{|}~]+$/;
const COMPONENT = /^(\[)?([NXYZ])(\d*)(\.\.(\d+))?(\])?((?:,[a-z0-9]+)*)$/;
const AI_OR_RANGE = /^(\d{2,4})(?:-(\d{2,4}))?$/;

export class SyntaxDictionaryError extends Error {
  override readonly name = 'SyntaxDictionaryError';
}

function parseComponent(token: string, lineNo: number): AiComponent | null {
  const m = COMPONENT.exec(token);
  if (!m) return null;
  const [, open, cset, first, range, last, close, linterList] = m;
  if (Boolean(open) !== Boolean(close)) {
    throw new SyntaxDictionaryError(`line ${lineNo}: unbalanced brackets in "${token}"`);
  }
  let min: number;
  let max: number;
  if (range) {
    min = first ? Number(first) : 1;
    max = Number(last);
  } else {
    if (!first) throw new SyntaxDictionaryError(`line ${lineNo}: component "${token}" has no length`);
    min = max = Number(first);
  }
  if (max < 1 || min > max) throw new SyntaxDictionaryError(`line ${lineNo}: bad length in "${token}"`);
  return {
    cset: cset as CharacterSet,
    min,
    max,
    optional: Boolean(open),
    linters: linterList ? linterList.slice(1).split(',') : [],
  };
}

function expandAis(token: string, lineNo: number): string[] {
  const m = AI_OR_RANGE.exec(token);
  if (!m || !m[1]) throw new SyntaxDictionaryError(`line ${lineNo}: "${token}" is not an AI or AI range`);
  const from = m[1];
  const to = m[2] ?? from;
  if (to.length !== from.length || Number(to) < Number(from)) {
    throw new SyntaxDictionaryError(`line ${lineNo}: bad AI range "${token}"`);
  }
  const out: string[] = [];
  for (let n = Number(from); n <= Number(to); n++) out.push(String(n).padStart(from.length, '0'));
  return out;
}

/** Parses the text of a GS1 Barcode Syntax Dictionary. Pure: the caller supplies the text. */
export function parseSyntaxDictionary(text: string): SyntaxDictionary {
  const entries: AiEntry[] = [];
  const byAi = new Map<string, AiEntry>();
  const aiLengthByPrefix = new Map<string, number>();
  let release: string | null = null;

  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i] ?? '';
    const releaseMatch = /^#\s*Release:\s*(\S+)/.exec(line);
    if (releaseMatch?.[1]) release = releaseMatch[1];
    if (/^\s*(#|$)/.test(line)) continue;

    const hash = line.indexOf('#');
    const body = hash === -1 ? line : line.slice(0, hash);
    const title = hash === -1 ? '' : line.slice(hash + 1).trim();
    const tokens = body.trim().split(/\s+/);
    const aiToken = tokens.shift();
    if (!aiToken) continue;

    let fixedLength = false;
    let dlDataAttribute = false;
    if (tokens[0] !== undefined && FLAG_CHARACTERS.test(tokens[0]) && !tokens[0].startsWith('[')) {
      const flags = tokens.shift() ?? '';
      fixedLength = flags.includes('*');
      dlDataAttribute = flags.includes('?');
    }

    const components: AiComponent[] = [];
    while (tokens.length > 0) {
      const component = parseComponent(tokens[0] ?? '', lineNo);
      if (!component) break;
      components.push(component);
      tokens.shift();
    }
    if (components.length === 0) throw new SyntaxDictionaryError(`line ${lineNo}: no format specification`);
    let seenOptional = false;
    components.forEach((c, index) => {
      if (seenOptional && !c.optional) {
        throw new SyntaxDictionaryError(`line ${lineNo}: mandatory component after an optional one`);
      }
      seenOptional ||= c.optional;
      if (c.min !== c.max && index !== components.length - 1) {
        throw new SyntaxDictionaryError(`line ${lineNo}: only the final component may vary in length`);
      }
    });

    const requires: AiPattern[][][] = [];
    const excludes: AiPattern[] = [];
    let dlQualifiers: string[][] | null = null;
    const otherAttributes: string[] = [];
    for (const attr of tokens) {
      if (attr.startsWith('req=')) {
        requires.push(attr.slice(4).split(',').map((alt) => alt.split('+')));
      } else if (attr.startsWith('ex=')) {
        excludes.push(...attr.slice(3).split(','));
      } else if (attr === 'dlpkey') {
        dlQualifiers ??= [];
      } else if (attr.startsWith('dlpkey=')) {
        dlQualifiers ??= [];
        for (const alternative of attr.slice(7).split('|')) dlQualifiers.push(alternative.split(','));
      } else {
        otherAttributes.push(attr);
      }
    }

    const minLength = components.reduce((sum, c) => sum + (c.optional ? 0 : c.min), 0);
    const maxLength = components.reduce((sum, c) => sum + c.max, 0);
    for (const ai of expandAis(aiToken, lineNo)) {
      if (byAi.has(ai)) throw new SyntaxDictionaryError(`line ${lineNo}: AI (${ai}) defined twice`);
      const prefix = ai.slice(0, 2);
      const known = aiLengthByPrefix.get(prefix);
      if (known !== undefined && known !== ai.length) {
        throw new SyntaxDictionaryError(`line ${lineNo}: AIs starting ${prefix} have different lengths`);
      }
      aiLengthByPrefix.set(prefix, ai.length);
      const entry: AiEntry = {
        ai,
        title,
        fixedLength,
        dlDataAttribute,
        components,
        minLength,
        maxLength,
        requires,
        excludes,
        dlQualifiers,
        otherAttributes,
      };
      entries.push(entry);
      byAi.set(ai, entry);
    }
  }
  return { entries, byAi, aiLengthByPrefix, release };
}

/** The dictionary shipped beside this file (GS1 Barcode Syntax Dictionary, Apache-2.0, header kept in it). */
export const DICTIONARY: SyntaxDictionary = parseSyntaxDictionary(
  readFileSync(new URL('./gs1-syntax-dictionary.txt', import.meta.url), 'utf8'),
);

/** Looks up an AI exactly, e.g. `lookupAi('17')`. */
export function lookupAi(ai: string, dictionary: SyntaxDictionary = DICTIONARY): AiEntry | undefined {
  return dictionary.byAi.get(ai);
}

/** True when `ai` matches `pattern`, where `n` in the pattern stands for any digit (`31nn`, `394n`). */
export function aiMatchesPattern(ai: string, pattern: AiPattern): boolean {
  if (ai.length !== pattern.length) return false;
  for (let i = 0; i < ai.length; i++) {
    const p = pattern.charCodeAt(i);
    if (p !== 110 /* n */ && p !== ai.charCodeAt(i)) return false;
  }
  return true;
}
