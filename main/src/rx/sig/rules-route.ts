// Grammar rules for how a dose is given: route and site (with the ISMP eye and ear cautions), the
// administration verb, and dose-form nouns that the product already carries.
import { fragmentText, stopHere, warn, word } from './parser-state.js';
import type { Parser, Rule } from './parser-state.js';
import { phraseTable } from './phrase.js';
import { EAR_ABBREVIATIONS, ROUTE_PHRASES, SITES } from './vocabulary/routes.js';
import type { RouteKey, RoutePhrase } from './vocabulary/routes.js';
import { VERBS } from './vocabulary/words.js';

const routeTable = phraseTable(ROUTE_PHRASES);

export const isRoutePhrase = (p: Parser, i: number): boolean => routeTable(p.toks, i) !== undefined;

function routeOf(phrase: RoutePhrase): RouteKey | undefined {
  return phrase.route ?? (phrase.site === undefined ? undefined : SITES[phrase.site].route);
}

const COMPATIBLE: ReadonlySet<string> = new Set([
  'ophthalmic>intravitreal',
  'intravitreal>ophthalmic',
  'topical>transdermal',
  'transdermal>topical',
]);

function applyRoute(p: Parser, phrase: RoutePhrase, from: number, length: number): boolean {
  const text = fragmentText(p, from, from + length);
  const route = routeOf(phrase);
  const b = p.b;
  const current = b.route ?? (b.site === undefined ? undefined : SITES[b.site].route);
  if (
    route !== undefined &&
    current !== undefined &&
    route !== current &&
    !COMPATIBLE.has(`${current}>${route}`)
  ) {
    warn(p, 'sig.conflictingRoute', 'two different routes are written; the second was not used', text);
    return false;
  }
  if (phrase.site !== undefined && b.site !== undefined && b.site !== phrase.site) {
    warn(p, 'sig.conflictingRoute', 'two different sites are written; the second was not used', text);
    return false;
  }
  if (
    phrase.route !== undefined &&
    (b.route === undefined || b.route === 'ophthalmic' || b.route === 'topical')
  )
    b.route = phrase.route;
  if (phrase.site !== undefined) b.site = phrase.site;
  if (phrase.siteText !== undefined && b.siteText === undefined) b.siteText = phrase.siteText;
  if (phrase.caution !== undefined) warn(p, 'sig.ismpErrorProne', phrase.caution, text);
  return true;
}

const NOT_EAR_AFTER_AS = new Set([
  'needed',
  'directed',
  'required',
  'necessary',
  'instructed',
  'need',
  'prescribed',
  'told',
]);

export const routeRule: Rule = (p, i) => {
  const t = word(p, i);
  if (t === 'od') {
    return { length: 1, apply: (pp) => void pp.b.pendingOd.push(i) };
  }
  const ear = EAR_ABBREVIATIONS[t];
  if (ear !== undefined) {
    const dropsContext = p.b.dose?.unit === 'drop' || p.b.route === 'otic';
    if (!dropsContext || (t === 'as' && NOT_EAR_AFTER_AS.has(word(p, i + 1)))) return undefined;
    return { length: 1, apply: (pp) => applyRoute(pp, ear, i, 1) };
  }
  const m = routeTable(p.toks, i);
  if (m === undefined) return undefined;
  const length = word(p, i + m.length) === 'route' ? m.length + 1 : m.length;
  return { length, apply: (pp) => applyRoute(pp, m.value, i, length) };
};

export const verbRule: Rule = (p, i) => {
  const v = VERBS[word(p, i)];
  if (v === undefined) return undefined;
  return {
    length: 1,
    apply: (pp) => {
      // A second, different verb once something was read starts another instruction ("... then rinse"),
      // unless it is joined to the first ("chew and swallow").
      const first = pp.b.methodToken;
      if (pp.b.method !== undefined && pp.b.method !== v.method && first !== undefined && i - first > 2) {
        stopHere(pp, i);
        return false;
      }
      if (pp.b.method === undefined) {
        pp.b.method = v.method;
        pp.b.methodToken = i;
      }
      if (v.route !== undefined && pp.b.verbRoute === undefined) pp.b.verbRoute = v.route;
    },
  };
};

const SITE_LEADS = new Set(['to', 'on', 'onto', 'over', 'around', 'into']);
const SITE_QUALIFIERS = new Set([
  'the',
  'affected',
  'left',
  'right',
  'both',
  'each',
  'entire',
  'whole',
  'upper',
  'lower',
  'inner',
  'outer',
  'painful',
  'sore',
  'dry',
]);
const SITE_WORDS = new Set([
  'scalp',
  'face',
  'hand',
  'hands',
  'foot',
  'feet',
  'arm',
  'arms',
  'leg',
  'legs',
  'back',
  'chest',
  'abdomen',
  'lip',
  'lips',
  'nail',
  'nails',
  'rash',
  'lesion',
  'lesions',
  'wound',
  'wounds',
  'area',
  'areas',
  'body',
  'neck',
  'knee',
  'knees',
  'elbow',
  'elbows',
  'shoulder',
  'shoulders',
  'buttocks',
  'groin',
  'axilla',
  'armpits',
  'forehead',
  'head',
  'hair',
  'gums',
  'joint',
  'joints',
  'skin',
  'heel',
  'heels',
  'toes',
  'toenail',
  'toenails',
  'fingernail',
  'fingernails',
  'thigh',
  'thighs',
  'hip',
  'hips',
  'wart',
  'warts',
  'scar',
  'scars',
  'eyelid',
  'eyelids',
  'cheeks',
]);

/** "to the scalp", "on affected areas": a site written in words (text only: no codes guessed). */
export const siteRule: Rule = (p, i) => {
  if (!SITE_LEADS.has(word(p, i))) return undefined;
  let k = i + 1;
  while (SITE_QUALIFIERS.has(word(p, k))) k += 1;
  if (!SITE_WORDS.has(word(p, k))) return undefined;
  k += 1;
  while ((word(p, k) === 'and' || word(p, k) === ',') && SITE_WORDS.has(word(p, k + 1))) k += 2;
  const startText = word(p, i + 1) === 'the' ? i + 2 : i + 1;
  return {
    length: k - i,
    apply: (pp) => {
      if (pp.b.siteText !== undefined) return false;
      pp.b.siteText = fragmentText(pp, startText, k).toLowerCase();
    },
  };
};

// Dose-form nouns ("apply cream", "use shampoo"): understood, and carried by the product, not the Dosage.
const FORM_NOUNS = new Set([
  'cream',
  'ointment',
  'gel',
  'lotion',
  'foam',
  'shampoo',
  'solution',
  'suspension',
  'syrup',
  'elixir',
  'liquid',
  'powder',
  'paste',
  'emulsion',
  'medication',
  'medicine',
  'sunscreen',
  'inhaler',
  'nebulizer',
  'mouthwash',
  'eyedrops',
]);

export const formNounRule: Rule = (p, i) => {
  const t = word(p, i);
  if (!FORM_NOUNS.has(t)) return undefined;
  return { length: 1, apply: () => undefined };
};
