// Dosage forms of the demo catalog, in dm+d's form vocabulary (lower case): each knows the word a shelf label
// uses for it, its smallest dispensable unit and its usual route, so that names, units and routes agree.

export type FormInfo = {
  /** dm+d form name, lower case */
  form: string;
  /** what a shelf label calls a pack of it, e.g. 'tablets', 'oral solution' */
  label: string;
  /** smallest dispensable unit */
  unit: string;
  route: string | null;
  /** SKU abbreviation */
  code: string;
};

const form = (name: string, label: string, unit: string, route: string | null, code: string): FormInfo => ({
  form: name,
  label,
  unit,
  route,
  code,
});

// Longest names first so that 'gastro-resistant tablet' wins over 'tablet' when parsing.
const FORMS: FormInfo[] = [
  form('tablet', 'tablets', 'tablet', 'oral', 'TAB'),
  form('capsule', 'capsules', 'capsule', 'oral', 'CAP'),
  form('soluble tablet', 'soluble tablets', 'tablet', 'oral', 'SOLTAB'),
  form('dispersible tablet', 'dispersible tablets', 'tablet', 'oral', 'DISTAB'),
  form('effervescent tablet', 'effervescent tablets', 'tablet', 'oral', 'EFFTAB'),
  form('chewable tablet', 'chewable tablets', 'tablet', 'oral', 'CHWTAB'),
  form('orodispersible tablet', 'orodispersible tablets', 'tablet', 'oral', 'ODT'),
  form('gastro-resistant tablet', 'gastro-resistant tablets', 'tablet', 'oral', 'GRTAB'),
  form('gastro-resistant capsule', 'gastro-resistant capsules', 'capsule', 'oral', 'GRCAP'),
  form('modified-release tablet', 'modified-release tablets', 'tablet', 'oral', 'MRTAB'),
  form('modified-release capsule', 'modified-release capsules', 'capsule', 'oral', 'MRCAP'),
  form('sublingual tablet', 'sublingual tablets', 'tablet', 'sublingual', 'SLTAB'),
  form('buccal tablet', 'buccal tablets', 'tablet', 'buccal', 'BUCTAB'),
  form('oral lyophilisate', 'oral lyophilisates', 'tablet', 'oral', 'LYO'),
  form('oral solution', 'oral solution', 'mL', 'oral', 'OSOL'),
  form('oral suspension', 'oral suspension', 'mL', 'oral', 'OSUS'),
  form('oral drops', 'oral drops', 'mL', 'oral', 'ODRP'),
  form('oral powder', 'oral powder sachets', 'sachet', 'oral', 'OPWD'),
  form('granules', 'granules sachets', 'sachet', 'oral', 'GRAN'),
  form('effervescent granules', 'effervescent granules sachets', 'sachet', 'oral', 'EGRAN'),
  form('oral gel', 'oral gel', 'g', 'oromucosal', 'OGEL'),
  form('lozenge', 'lozenges', 'lozenge', 'oromucosal', 'LOZ'),
  form('pastille', 'pastilles', 'pastille', 'oromucosal', 'PAST'),
  form('medicated chewing-gum', 'medicated chewing-gum', 'piece', 'oromucosal', 'GUM'),
  form('mouthwash', 'mouthwash', 'mL', 'oromucosal', 'MW'),
  form('oromucosal spray', 'oromucosal spray', 'dose', 'oromucosal', 'OMSPR'),
  form('sublingual spray', 'sublingual spray', 'dose', 'sublingual', 'SLSPR'),
  form('cream', 'cream', 'g', 'cutaneous', 'CRM'),
  form('ointment', 'ointment', 'g', 'cutaneous', 'OINT'),
  form('gel', 'gel', 'g', 'cutaneous', 'GEL'),
  form('paste', 'paste', 'g', 'cutaneous', 'PST'),
  form('cutaneous emulsion', 'cutaneous emulsion', 'mL', 'cutaneous', 'EMUL'),
  form('cutaneous solution', 'cutaneous solution', 'mL', 'cutaneous', 'CSOL'),
  form('cutaneous spray', 'cutaneous spray', 'mL', 'cutaneous', 'CSPR'),
  form('foam', 'foam', 'g', 'cutaneous', 'FOAM'),
  form('liquid', 'liquid', 'mL', 'cutaneous', 'LIQ'),
  form('shampoo', 'shampoo', 'mL', 'scalp', 'SHAM'),
  form('powder', 'dusting powder', 'g', 'cutaneous', 'PWD'),
  form('bath additive', 'bath additive', 'mL', 'cutaneous', 'BATH'),
  form('collodion', 'collodion', 'mL', 'cutaneous', 'COLL'),
  form('medicated nail lacquer', 'medicated nail lacquer', 'mL', 'cutaneous', 'LACQ'),
  form('medicated plaster', 'medicated plasters', 'plaster', 'cutaneous', 'PLAS'),
  form('transdermal patch', 'transdermal patches', 'patch', 'transdermal', 'PATCH'),
  form('eye drops', 'eye drops', 'mL', 'ocular', 'EYED'),
  form('eye ointment', 'eye ointment', 'g', 'ocular', 'EYEO'),
  form('eye gel', 'eye gel', 'g', 'ocular', 'EYEG'),
  form('ear drops', 'ear drops', 'mL', 'auricular', 'EARD'),
  form('ear spray', 'ear spray', 'mL', 'auricular', 'EARS'),
  form('nasal spray', 'nasal spray', 'dose', 'nasal', 'NSPR'),
  form('nasal drops', 'nasal drops', 'mL', 'nasal', 'NDRP'),
  form('nasal ointment', 'nasal ointment', 'g', 'nasal', 'NOINT'),
  form('pressurised inhalation', 'pressurised inhaler', 'dose', 'inhalation', 'INH'),
  form('inhalation powder', 'inhalation powder', 'dose', 'inhalation', 'DPI'),
  form('inhalation vapour', 'inhalation vapour', 'mL', 'inhalation', 'VAP'),
  form('nebuliser liquid', 'nebuliser liquid unit dose vials', 'nebule', 'inhalation', 'NEB'),
  form('suppository', 'suppositories', 'suppository', 'rectal', 'SUPP'),
  form('pessary', 'pessaries', 'pessary', 'vaginal', 'PESS'),
  form('vaginal cream', 'vaginal cream', 'g', 'vaginal', 'VCRM'),
  form('vaginal gel', 'vaginal gel', 'g', 'vaginal', 'VGEL'),
  form('vaginal tablet', 'vaginal tablets', 'tablet', 'vaginal', 'VTAB'),
  form('vaginal delivery system', 'vaginal rings', 'ring', 'vaginal', 'VRING'),
  form('enema', 'enemas', 'enema', 'rectal', 'ENEMA'),
  form('rectal foam', 'rectal foam', 'dose', 'rectal', 'RFOAM'),
  form('rectal ointment', 'rectal ointment', 'g', 'rectal', 'ROINT'),
  form('solution for injection', 'solution for injection', 'mL', 'subcutaneous', 'INJ'),
  form('suspension for injection', 'suspension for injection', 'mL', 'intramuscular', 'SINJ'),
  form(
    'powder for solution for injection',
    'powder for solution for injection',
    'vial',
    'intramuscular',
    'PINJ',
  ),
  form('implant', 'implant', 'implant', 'subcutaneous', 'IMPL'),
  form('emulsion for injection', 'emulsion for injection', 'vial', 'intravenous', 'EINJ'),
  form('solution for infusion', 'solution for infusion', 'vial', 'intravenous', 'INF'),
  form(
    'endotracheopulmonary suspension',
    'endotracheopulmonary suspension',
    'mL',
    'endotracheopulmonary',
    'ETSUS',
  ),
  form('powder for nebuliser solution', 'powder for nebuliser solution', 'vial', 'inhalation', 'PNEB'),
  form('inhalation gas', 'inhalation gas', 'cylinder', 'inhalation', 'GAS'),
  form('kit', 'kit', 'kit', null, 'KIT'),
  form('stick', 'stick', 'g', 'cutaneous', 'STK'),
];

const FORMS_LONGEST_FIRST = [...FORMS].sort((a, b) => b.form.length - a.form.length);

export const findForm = (name: string): FormInfo | undefined => FORMS.find((f) => f.form === name);

/** The form that the text starts with (longest match), and the rest of the text. */
export const splitFormPrefix = (text: string): { info: FormInfo; rest: string } | null => {
  for (const info of FORMS_LONGEST_FIRST) {
    if (text === info.form || text.startsWith(`${info.form} `)) {
      return { info, rest: text.slice(info.form.length).trim() };
    }
  }
  return null;
};

/** Container words for units that name a device rather than a dose ('pen' → 'pre-filled pens'). */
const CONTAINER_LABELS: Record<string, string> = {
  pen: 'pre-filled pens',
  syringe: 'pre-filled syringes',
  vial: 'vials',
  ampoule: 'ampoules',
  cartridge: 'cartridges',
  sachet: 'sachets',
};

export const containerLabel = (unit: string): string | null => CONTAINER_LABELS[unit] ?? null;
