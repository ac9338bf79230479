// GS1 Digital Link URIs (https://id.gs1.org/01/09506000134352/10/ABC?17=201225, or any brand domain): the
// rightmost primary key in the path starts the AI data, its qualifiers must follow in the dictionary's order,
// and attributes travel in the query string. A URI breaking these rules does not name one item unambiguously.
import type { AiEntry } from './dictionary.js';
import {
  entryForAi,
  isUnknownAiEntry,
  MAX_AIS,
  validateAiValue,
  type ElementStringOptions,
  type ParsedAi,
} from './element-string.js';
import { aiLabel, failure, type Result } from './errors.js';

export type DigitalLinkOptions = ElementStringOptions & {
  /** Accept an 8-, 12- or 13-digit GTIN in AI (01) and pad it to 14 digits; GS1 requires 14, default false. */
  readonly permitZeroSuppressedGtin?: boolean;
  /** Accept the deprecated alphabetic path keys (`/gtin/…`, `/ser/…`); default false. */
  readonly permitConvenienceAlphas?: boolean;
  /** With permitUnknownAis, also accept unknown AIs as query attributes; default false. */
  readonly permitUnknownAiAttributes?: boolean;
};

export type DigitalLink = {
  /** Scheme, domain and any path before the primary key, e.g. `https://id.gs1.org`. */
  readonly stem: string;
  /** Path AIs first (key, then qualifiers), then query attributes in the order given. */
  readonly ais: ParsedAi[];
};

const URI_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
const SCHEMES = ['https://', 'http://', 'HTTPS://', 'HTTP://'] as const;
const DOMAIN = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{0,5})?$/;

/** Deprecated alphabetic short names for path AIs (GS1 Digital Link 1.0). */
const CONVENIENCE_ALPHAS: Readonly<Record<string, string>> = {
  gtin: '01', itip: '8006', cpv: '22', lot: '10', ser: '21', sscc: '00', gln: '414', party: '417',
  glnx: '254', gsrnp: '8017', gsrn: '8018', srin: '8019', gdti: '253', gcn: '255', ginc: '401',
  gsin: '402', grai: '8003', giai: '8004', cpid: '8010', cpsn: '8011', gmn: '8013',
};

/** True when `uri` starts with a scheme this parser treats as a Digital Link (lower or upper case only). */
export function looksLikeDigitalLink(uri: string): boolean {
  return SCHEMES.some((scheme) => uri.startsWith(scheme));
}

const invalid = (message: string, details: Record<string, string | number> = {}) =>
  failure('gs1.invalidDigitalLink', message, details);

/** Percent-decodes one path or query component; null when it decodes to a NUL character. */
function decode(raw: string, inQuery: boolean): string | null {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? '';
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(raw.slice(i + 1, i + 3))) {
      const code = parseInt(raw.slice(i + 1, i + 3), 16);
      if (code === 0) return null;
      out += String.fromCharCode(code);
      i += 2;
    } else {
      out += inQuery && c === '+' ? ' ' : c;
    }
  }
  return out;
}

/** True when `qualifiers` appear, in order, within one of the key's qualifier alternatives. */
function isQualifierSequence(key: AiEntry, qualifiers: readonly string[]): boolean {
  if (qualifiers.length === 0) return true;
  return (key.dlQualifiers ?? []).some((alternative) => {
    let at = 0;
    for (const q of qualifiers) {
      at = alternative.indexOf(q, at);
      if (at === -1) return false;
      at++;
    }
    return true;
  });
}

/** True when `ai` could have been a path qualifier alongside `qualifiers` for this key. */
function belongsInPath(key: AiEntry, qualifiers: readonly string[], ai: string): boolean {
  return (key.dlQualifiers ?? []).some(
    (alternative) => alternative.includes(ai) && qualifiers.every((q) => alternative.includes(q)),
  );
}

const isShortGtin = (ai: string, value: string) => ai === '01' && /^(\d{8}|\d{12,13})$/.test(value);

function expandGtin(ai: string, value: string, options: DigitalLinkOptions): string {
  return isShortGtin(ai, value) && options.permitZeroSuppressedGtin ? value.padStart(14, '0') : value;
}

function shortGtinError(ai: string, value: string, entry: AiEntry) {
  return invalid(
    `${aiLabel(ai, entry)} in a Digital Link must have 14 digits, found ${value.length} (pad it with leading zeros)`,
    { ai, value },
  );
}

/** Parses a GS1 Digital Link URI into its AIs. Pairing rules (req/ex) are left to validateAssociations. */
export function parseDigitalLink(uri: string, options: DigitalLinkOptions = {}): Result<DigitalLink> {
  if (!URI_CHARACTERS.test(uri)) {
    const bad = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/.exec(uri);
    return invalid(`The Digital Link contains a character not allowed in a URI at position ${(bad?.index ?? 0) + 1}`, {
      position: bad?.index ?? 0,
    });
  }
  const scheme = SCHEMES.find((s) => uri.startsWith(s));
  if (!scheme) return invalid('A Digital Link must start with http:// or https://');
  const rest = uri.slice(scheme.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return invalid('A Digital Link needs a domain followed by a path');
  const domain = rest.slice(0, slash);
  if (!DOMAIN.test(domain)) return invalid(`'${domain}' is not a valid domain for a Digital Link`, { domain });

  let path = rest.slice(slash);
  const hash = path.indexOf('#');
  if (hash !== -1) path = path.slice(0, hash);
  const question = path.indexOf('?');
  const query = question === -1 ? '' : path.slice(question + 1);
  if (question !== -1) path = path.slice(0, question);

  const segments = path.slice(1).split('/');
  const aiOf = (segment: string) =>
    options.permitConvenienceAlphas ? (CONVENIENCE_ALPHAS[segment] ?? segment) : segment;

  // The primary key is the rightmost key in the path; whatever precedes it is the URI stem.
  let keyIndex = -1;
  let stoppedAt: string | null = null;
  for (let k = segments.length - 2; k >= 0; k -= 2) {
    const segment = segments[k] ?? '';
    const entry = entryForAi(aiOf(segment), options);
    if (!entry) {
      if (/^\d{2,4}$/.test(segment)) stoppedAt = segment;
      break;
    }
    if (entry.dlQualifiers !== null) {
      keyIndex = k;
      break;
    }
  }
  if (keyIndex === -1) {
    return stoppedAt === null
      ? invalid('The Digital Link path holds no GS1 primary key (such as /01/ for a GTIN)')
      : invalid(`AI (${stoppedAt}) in the Digital Link path is not a known AI`, { ai: stoppedAt });
  }

  const raw: { ai: string; entry: AiEntry; value: string }[] = [];
  for (let k = keyIndex; k < segments.length; k += 2) {
    const ai = aiOf(segments[k] ?? '');
    const entry = entryForAi(ai, options);
    if (!entry) return invalid(`'${segments[k] ?? ''}' in the Digital Link path is not an AI`, { ai });
    const value = decode(segments[k + 1] ?? '', false);
    if (value === null) return invalid(`${aiLabel(ai, entry)} in the Digital Link path contains %00`, { ai });
    if (value === '') return invalid(`${aiLabel(ai, entry)} has an empty value in the Digital Link path`, { ai });
    raw.push({ ai, entry, value: expandGtin(ai, value, options) });
  }
  const key = raw[0];
  if (!key) return invalid('The Digital Link path holds no GS1 primary key');
  const qualifiers = raw.slice(1).map((x) => x.ai);
  if (!isQualifierSequence(key.entry, qualifiers)) {
    return invalid(
      `The path /${raw.map((x) => x.ai).join('/…/')}/… is not a valid key and qualifier sequence for ${aiLabel(key.ai, key.entry)}`,
      { key: key.ai },
    );
  }

  for (const param of query.split('&')) {
    if (raw.length > MAX_AIS) return failure('gs1.tooManyAis', `The Digital Link holds more than ${MAX_AIS} AIs`);
    const eq = param.indexOf('=');
    if (eq === -1) continue; // Singleton parameters carry no AI.
    const name = param.slice(0, eq);
    if (!/^\d+$/.test(name)) continue; // Non-numeric parameters belong to the brand's own site.
    const entry = entryForAi(name, options);
    if (!entry) return invalid(`Query parameter ${name} is not a known AI`, { ai: name });
    if (isUnknownAiEntry(entry) ? !options.permitUnknownAiAttributes : !entry.dlDataAttribute) {
      return invalid(`${aiLabel(name, entry)} may not be given as a Digital Link query attribute`, { ai: name });
    }
    if (belongsInPath(key.entry, qualifiers, name)) {
      return invalid(`${aiLabel(name, entry)} qualifies ${aiLabel(key.ai, key.entry)} and belongs in the path`, {
        ai: name,
      });
    }
    const value = decode(param.slice(eq + 1), true);
    if (value === null) return invalid(`${aiLabel(name, entry)} in the query string contains %00`, { ai: name });
    if (value === '') return invalid(`${aiLabel(name, entry)} has an empty value in the query string`, { ai: name });
    raw.push({ ai: name, entry, value: expandGtin(name, value, options) });
  }

  const seen = new Set<string>();
  for (const { ai, entry } of raw) {
    if (seen.has(ai)) return invalid(`${aiLabel(ai, entry)} appears more than once in the Digital Link`, { ai });
    seen.add(ai);
  }

  const ais: ParsedAi[] = [];
  for (const { ai, entry, value } of raw) {
    if (isShortGtin(ai, value)) return shortGtinError(ai, value, entry);
    const checked = validateAiValue(entry, value, { ...options, whole: true });
    if (!checked.ok) return checked;
    ais.push({ ai, value, entry });
  }
  const stem = scheme + domain + segments.slice(0, keyIndex).map((s) => `/${s}`).join('');
  return { ok: true, value: { stem, ais } };
}
