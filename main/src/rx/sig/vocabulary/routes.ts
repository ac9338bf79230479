// Routes and sites of administration with their SNOMED CT codes (route values under 284009009, body
// structures for the eyes and ears). Eye and ear abbreviations raise the ISMP caution they carry.
import { SNOMED } from '../types.js';
import type { CodeableConcept } from '../types.js';

export type RouteKey =
  | 'oral'
  | 'sublingual'
  | 'buccal'
  | 'rectal'
  | 'vaginal'
  | 'topical'
  | 'transdermal'
  | 'inhaled'
  | 'ophthalmic'
  | 'otic'
  | 'nasal'
  | 'subcutaneous'
  | 'intramuscular'
  | 'intravenous'
  | 'intravitreal';

export type RouteDef = { code: string; display: string; text: string };

export const ROUTES: Record<RouteKey, RouteDef> = {
  oral: { code: '26643006', display: 'Oral route', text: 'by mouth' },
  sublingual: { code: '37839007', display: 'Sublingual route', text: 'under the tongue' },
  buccal: { code: '54471007', display: 'Buccal route', text: 'between the cheek and gum' },
  rectal: { code: '37161004', display: 'Per rectum', text: 'rectally' },
  vaginal: { code: '16857009', display: 'Per vagina', text: 'vaginally' },
  topical: { code: '6064005', display: 'Topical route', text: 'on the skin' },
  transdermal: { code: '45890007', display: 'Transdermal route', text: 'on the skin' },
  inhaled: { code: '447694001', display: 'Respiratory tract route', text: 'by inhalation' },
  ophthalmic: { code: '54485002', display: 'Ophthalmic route', text: 'in the eye' },
  otic: { code: '10547007', display: 'Otic route', text: 'in the ear' },
  nasal: { code: '46713006', display: 'Nasal route', text: 'in the nose' },
  subcutaneous: { code: '34206005', display: 'Subcutaneous route', text: 'under the skin' },
  intramuscular: { code: '78421000', display: 'Intramuscular route', text: 'into the muscle' },
  intravenous: { code: '47625008', display: 'Intravenous route', text: 'into a vein' },
  intravitreal: { code: '418401004', display: 'Intravitreal route', text: 'into the eye' },
};

export function routeConcept(key: RouteKey): CodeableConcept {
  const r = ROUTES[key];
  return { coding: [{ system: SNOMED, code: r.code, display: r.display }], text: r.text };
}

export type SiteKey = 'rightEye' | 'leftEye' | 'bothEyes' | 'rightEar' | 'leftEar' | 'bothEars';

export type SiteDef = { code: string; display: string; text: string; route: RouteKey };

export const SITES: Record<SiteKey, SiteDef> = {
  rightEye: { code: '18944008', display: 'Right eye structure', text: 'right eye', route: 'ophthalmic' },
  leftEye: { code: '8966001', display: 'Left eye structure', text: 'left eye', route: 'ophthalmic' },
  bothEyes: { code: '40638003', display: 'Structure of both eyes', text: 'both eyes', route: 'ophthalmic' },
  rightEar: { code: '25577004', display: 'Right ear structure', text: 'right ear', route: 'otic' },
  leftEar: { code: '89644007', display: 'Left ear structure', text: 'left ear', route: 'otic' },
  bothEars: { code: '34338003', display: 'Both ears', text: 'both ears', route: 'otic' },
};

export function siteConcept(key: SiteKey): CodeableConcept {
  const s = SITES[key];
  return { coding: [{ system: SNOMED, code: s.code, display: s.display }], text: s.text };
}

export type RoutePhrase = { route?: RouteKey; site?: SiteKey; siteText?: string; caution?: string };

const SC_CAUTION =
  '"SC"/"SQ" is on the ISMP list of error-prone abbreviations (read as SL or "5 every"); write "subcut"';
const eyeCaution = (abbr: string, words: string): string =>
  `"${abbr}" is on the ISMP list of error-prone abbreviations (eye/ear mix-ups); read as "${words}" — confirm`;

/** Route phrases as space-separated lower-case tokens (after the tokenizer has split them). */
export const ROUTE_PHRASES: Record<string, RoutePhrase> = {
  po: { route: 'oral' },
  'p o': { route: 'oral' },
  'per os': { route: 'oral' },
  'by mouth': { route: 'oral' },
  'per mouth': { route: 'oral' },
  'via mouth': { route: 'oral' },
  'through the mouth': { route: 'oral' },
  orally: { route: 'oral' },
  oral: { route: 'oral' },
  sl: { route: 'sublingual' },
  sublingual: { route: 'sublingual' },
  sublingually: { route: 'sublingual' },
  'under the tongue': { route: 'sublingual' },
  'under tongue': { route: 'sublingual' },
  buccal: { route: 'buccal' },
  buccally: { route: 'buccal' },
  'between the cheek and gum': { route: 'buccal' },
  'between cheek and gum': { route: 'buccal' },
  pr: { route: 'rectal' },
  'per rectum': { route: 'rectal' },
  rectally: { route: 'rectal' },
  rectal: { route: 'rectal' },
  'in the rectum': { route: 'rectal' },
  'into the rectum': { route: 'rectal' },
  pv: { route: 'vaginal' },
  'per vagina': { route: 'vaginal' },
  'per vaginam': { route: 'vaginal' },
  vaginally: { route: 'vaginal' },
  vaginal: { route: 'vaginal' },
  intravaginally: { route: 'vaginal' },
  'in the vagina': { route: 'vaginal' },
  'into the vagina': { route: 'vaginal' },
  'to the vagina': { route: 'vaginal' },
  'to vagina': { route: 'vaginal' },
  'into vagina': { route: 'vaginal' },
  top: { route: 'topical' },
  topical: { route: 'topical' },
  topically: { route: 'topical' },
  externally: { route: 'topical' },
  'to the skin': { route: 'topical', siteText: 'skin' },
  'on the skin': { route: 'topical', siteText: 'skin' },
  'to skin': { route: 'topical', siteText: 'skin' },
  'to the affected area': { route: 'topical', siteText: 'affected area' },
  'to the affected areas': { route: 'topical', siteText: 'affected areas' },
  'to affected area': { route: 'topical', siteText: 'affected area' },
  'to affected areas': { route: 'topical', siteText: 'affected areas' },
  'to the affected skin': { route: 'topical', siteText: 'affected skin' },
  'to affected skin': { route: 'topical', siteText: 'affected skin' },
  'on the affected area': { route: 'topical', siteText: 'affected area' },
  'on affected area': { route: 'topical', siteText: 'affected area' },
  'to aa': { route: 'topical', siteText: 'affected area' },
  td: { route: 'transdermal' },
  transdermal: { route: 'transdermal' },
  transdermally: { route: 'transdermal' },
  inh: { route: 'inhaled' },
  inhaled: { route: 'inhaled' },
  inhalation: { route: 'inhaled' },
  'by inhalation': { route: 'inhaled' },
  'via inhalation': { route: 'inhaled' },
  'via inhaler': { route: 'inhaled' },
  'by inhaler': { route: 'inhaled' },
  'via nebulizer': { route: 'inhaled' },
  'via nebuliser': { route: 'inhaled' },
  'by nebulizer': { route: 'inhaled' },
  'by nebuliser': { route: 'inhaled' },
  'via neb': { route: 'inhaled' },
  'per neb': { route: 'inhaled' },
  'into the lungs': { route: 'inhaled' },
  ophthalmic: { route: 'ophthalmic' },
  'in the eye': { route: 'ophthalmic' },
  'into the eye': { route: 'ophthalmic' },
  'in eye': { route: 'ophthalmic' },
  'to eye': { route: 'ophthalmic' },
  'to the eye': { route: 'ophthalmic' },
  'in the affected eye': { route: 'ophthalmic', siteText: 'affected eye' },
  'into the affected eye': { route: 'ophthalmic', siteText: 'affected eye' },
  'in affected eye': { route: 'ophthalmic', siteText: 'affected eye' },
  'into affected eye': { route: 'ophthalmic', siteText: 'affected eye' },
  'in each eye': { site: 'bothEyes' },
  'into each eye': { site: 'bothEyes' },
  'to each eye': { site: 'bothEyes' },
  'in both eyes': { site: 'bothEyes' },
  'into both eyes': { site: 'bothEyes' },
  'to both eyes': { site: 'bothEyes' },
  'each eye': { site: 'bothEyes' },
  'both eyes': { site: 'bothEyes' },
  'in the right eye': { site: 'rightEye' },
  'into the right eye': { site: 'rightEye' },
  'to the right eye': { site: 'rightEye' },
  'in right eye': { site: 'rightEye' },
  'into right eye': { site: 'rightEye' },
  'to right eye': { site: 'rightEye' },
  'right eye': { site: 'rightEye' },
  'in the left eye': { site: 'leftEye' },
  'into the left eye': { site: 'leftEye' },
  'to the left eye': { site: 'leftEye' },
  'in left eye': { site: 'leftEye' },
  'into left eye': { site: 'leftEye' },
  'to left eye': { site: 'leftEye' },
  'left eye': { site: 'leftEye' },
  ou: { site: 'bothEyes', caution: eyeCaution('OU', 'each eye') },
  os: { site: 'leftEye', caution: eyeCaution('OS', 'left eye') },
  otic: { route: 'otic' },
  'in the ear': { route: 'otic' },
  'into the ear': { route: 'otic' },
  'in the affected ear': { route: 'otic', siteText: 'affected ear' },
  'into the affected ear': { route: 'otic', siteText: 'affected ear' },
  'in affected ear': { route: 'otic', siteText: 'affected ear' },
  'into affected ear': { route: 'otic', siteText: 'affected ear' },
  'in each ear': { site: 'bothEars' },
  'into each ear': { site: 'bothEars' },
  'in both ears': { site: 'bothEars' },
  'into both ears': { site: 'bothEars' },
  'each ear': { site: 'bothEars' },
  'both ears': { site: 'bothEars' },
  'in the right ear': { site: 'rightEar' },
  'into the right ear': { site: 'rightEar' },
  'in right ear': { site: 'rightEar' },
  'right ear': { site: 'rightEar' },
  'in the left ear': { site: 'leftEar' },
  'into the left ear': { site: 'leftEar' },
  'in left ear': { site: 'leftEar' },
  'left ear': { site: 'leftEar' },
  nasal: { route: 'nasal' },
  nasally: { route: 'nasal' },
  intranasal: { route: 'nasal' },
  intranasally: { route: 'nasal' },
  'in the nose': { route: 'nasal' },
  'into the nose': { route: 'nasal' },
  'to the nose': { route: 'nasal' },
  'to nose': { route: 'nasal' },
  'in each nostril': { route: 'nasal', siteText: 'each nostril' },
  'into each nostril': { route: 'nasal', siteText: 'each nostril' },
  'each nostril': { route: 'nasal', siteText: 'each nostril' },
  'in both nostrils': { route: 'nasal', siteText: 'each nostril' },
  'in one nostril': { route: 'nasal', siteText: 'one nostril' },
  'into one nostril': { route: 'nasal', siteText: 'one nostril' },
  'to nostril': { route: 'nasal', siteText: 'nostril' },
  'to the nostril': { route: 'nasal', siteText: 'nostril' },
  'in nostril': { route: 'nasal', siteText: 'nostril' },
  'in the nostril': { route: 'nasal', siteText: 'nostril' },
  'in each nare': { route: 'nasal', siteText: 'each nostril' },
  subcut: { route: 'subcutaneous' },
  subcutaneous: { route: 'subcutaneous' },
  subcutaneously: { route: 'subcutaneous' },
  subq: { route: 'subcutaneous' },
  'sub q': { route: 'subcutaneous' },
  'sub cut': { route: 'subcutaneous' },
  'under the skin': { route: 'subcutaneous' },
  sc: { route: 'subcutaneous', caution: SC_CAUTION },
  sq: { route: 'subcutaneous', caution: SC_CAUTION },
  im: { route: 'intramuscular' },
  intramuscular: { route: 'intramuscular' },
  intramuscularly: { route: 'intramuscular' },
  'into the muscle': { route: 'intramuscular' },
  'in the muscle': { route: 'intramuscular' },
  iv: { route: 'intravenous' },
  intravenous: { route: 'intravenous' },
  intravenously: { route: 'intravenous' },
  'into a vein': { route: 'intravenous' },
  'iv bolus': { route: 'intravenous' },
  intravitreal: { route: 'intravitreal' },
  intravitreally: { route: 'intravitreal' },
  ivt: { route: 'intravitreal' },
  ivtod: { route: 'intravitreal', site: 'rightEye', caution: eyeCaution('OD', 'right eye') },
  ivtos: { route: 'intravitreal', site: 'leftEye', caution: eyeCaution('OS', 'left eye') },
  ivtou: { route: 'intravitreal', site: 'bothEyes', caution: eyeCaution('OU', 'each eye') },
};

/** Ear abbreviations: read only in a drops context, since "as" is also an English word. */
export const EAR_ABBREVIATIONS: Record<string, RoutePhrase> = {
  ad: { site: 'rightEar', caution: eyeCaution('AD', 'right ear') },
  as: { site: 'leftEar', caution: eyeCaution('AS', 'left ear') },
  au: { site: 'bothEars', caution: eyeCaution('AU', 'each ear') },
};
