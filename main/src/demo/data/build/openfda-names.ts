// Product names for the OTC barcode reads: the carton image's file name often carries one ('Loratadine
// 10mg(Perrigo).jpg', 'diphenhydramine-hcl-25-mg-tablet-1.jpg'); it is cleaned up here, and the form,
// ingredients and strength are read from its words. Reads whose file name says nothing get a plausible
// counter product instead (see OTC_TEMPLATES), chosen from the barcode so it never changes.

export type OtcGuess = {
  form: string;
  unit: string;
  packSize: number;
  ingredients: string[];
  strength: string | null;
};

const STOP_WORDS = new Set(
  'jpg jpeg png label labels carton cartons figure image package packages outer inner panel front back box tube page product container secondary regular refill drug facts drugfacts pdp pdpb fda approved final us bx tt ol ct pl v1 v2 cr'.split(
    ' ',
  ),
);

const BRANDS = [
  'Best Choice',
  'Our Family',
  'Safeway',
  'CVS',
  'Leader',
  'Kinray',
  'Select Brand',
  'Dove',
  'Aveeno',
  'Secret',
  'La Mer',
  'Sensai',
  'Chantecaille',
  'Exchange Select',
  'Wal-Dram',
  'Wal-Nadol',
  'Neutrogena',
  'Clearasil',
  'Blistex',
  'Bayer',
  'Covergirl',
  'Garnier',
  'Dior',
  'Preferred Plus',
  'Premier Value',
  'Physicians Care',
  'Pharbedryl',
  'Pharbetol',
  'Boroleum',
  'Lacura',
  'CliniShield',
  'SafeSea',
  'SunZone',
  'Alba',
  'Gly-Oxide',
  'Accudial',
  'Diocto',
  'Trigofen',
];

/** 'LeaderReliefEyeDrops' → 'Leader Relief Eye Drops', dropping codes and packaging words. */
export const cleanImageName = (fileName: string): string => {
  const base = fileName.replace(/(\.jpe?g)+$/i, '').replace(/PDPb?\b/g, ' ');
  const spaced = base
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)(mg)(\d)/gi, '$1$2 $3')
    .replace(/[_\-.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const words = spaced
    .split(' ')
    .filter((w) => !STOP_WORDS.has(w.toLowerCase()))
    .filter((w) => !/^[0-9a-f]{8,}$/i.test(w));
  // Trailing image indexes and item codes ('-1', '-02', 'B1208') are not part of the name.
  while (
    words.length > 0 &&
    /^(0?\d|[a-z]\d{3,}[a-z0-9]*|\d{4,}[a-z]*)$/i.test(words[words.length - 1] ?? '')
  )
    words.pop();
  while (words.length > 0 && /^(\d{3,}[a-z]*|[a-z]{1,2}\d+[a-z0-9]*)$/i.test(words[0] ?? '')) words.shift();
  return words.join(' ').trim();
};

const PRODUCT_WORDS =
  /allergy|sinus|headache|pain|relie[fv]|cold|flu|cough|moisturi[sz]|lotion|sunscreen|spf|sanitizer|soap|balm|cream|ointment|aloe|foot|lip|eye|nasal|spray|gel|tablet|capsule|softgel|laxative|softener|aspirin|antacid|sleep|motion|zinc|alcohol|peroxide|medicated|pads|hemorrhoid|hem\b|diaper|sun\b|acne/i;

/** A cleaned name is usable when it says what the product is: a product word or an ingredient. */
export const isMeaningfulName = (name: string): boolean =>
  name.length >= 4 && (PRODUCT_WORDS.test(name) || INGREDIENT_WORDS.some(([re]) => re.test(name)));

export const tidyCase = (name: string): string =>
  name
    .split(' ')
    .map((w) => {
      if (/^\d/.test(w) || /^(mg|ml|g|oz|spf)$/i.test(w)) return w.toLowerCase().replace('spf', 'SPF');
      if (/^[a-z]/.test(w)) return w.charAt(0).toUpperCase() + w.slice(1);
      if (/^[A-Z]{5,}$/.test(w)) return w.charAt(0) + w.slice(1).toLowerCase();
      return w;
    })
    .join(' ')
    .replace(
      /(\d) (mg|g|ml)\b/gi,
      (_m, d: string, u: string) => `${d} ${u.toLowerCase() === 'ml' ? 'mL' : u.toLowerCase()}`,
    )
    .replace(/(\d)(mg)\b/gi, '$1 mg');

export const brandOf = (name: string): string | null => {
  const lower = name.toLowerCase();
  return BRANDS.find((b) => lower.startsWith(b.toLowerCase())) ?? null;
};

const INGREDIENT_WORDS: [RegExp, string][] = [
  [/ibuprofen/i, 'Ibuprofen'],
  [
    /acetaminophen|apap|pharbetol|paracetamol|pain reliever|pain relief children|junior strength/i,
    'Paracetamol',
  ],
  [/aspirin|bayer/i, 'Aspirin'],
  [/naproxen/i, 'Naproxen'],
  [/diphenhydramine|sleep aid|pharbedryl|pm\b/i, 'Diphenhydramine'],
  [/loratadine/i, 'Loratadine'],
  [/cetirizine/i, 'Cetirizine'],
  [/aller chlor|chlorpheniramine/i, 'Chlorphenamine'],
  [/guaifenesin/i, 'Guaifenesin'],
  [/cold|flu|daytime|nasal decongestant pe/i, 'Phenylephrine'],
  [/docusate|stool softener|diocto/i, 'Docusate'],
  [/senna|laxative/i, 'Senna'],
  [/bisacodyl/i, 'Bisacodyl'],
  [/simethicone/i, 'Simeticone'],
  [/hydrocortisone/i, 'Hydrocortisone'],
  [/miconazole/i, 'Miconazole'],
  [/zinc oxide|diaper/i, 'Zinc oxide'],
  [/isopropyl|ipa\b|alcohol prep/i, 'Isopropyl alcohol'],
  [/motion sickness|wal dram/i, 'Dimenhydrinate'],
  [/eye drops|lubricating|tears/i, 'Carmellose'],
  [/hem ointment/i, 'Phenylephrine'],
  [/sanitizer|anti bact/i, 'Ethanol'],
  [/ephed/i, 'Ephedrine'],
  [/spf|sunscreen|sun\b|uv\b|beach/i, 'Zinc oxide'],
  [/lip balm|boroleum/i, 'White soft paraffin'],
  [/peppermint|menthol/i, 'Menthol'],
];

const FORM_WORDS: [RegExp, Omit<OtcGuess, 'ingredients' | 'strength'>][] = [
  [/softgel|capsule|liquigel/i, { form: 'capsule', unit: 'capsule', packSize: 24 }],
  [/tablet|caplet|aspirin|enteric/i, { form: 'tablet', unit: 'tablet', packSize: 100 }],
  [/eye drops|lubricating|tears/i, { form: 'eye drops', unit: 'mL', packSize: 15 }],
  [/nasal spray/i, { form: 'nasal spray', unit: 'mL', packSize: 30 }],
  [/ointment/i, { form: 'ointment', unit: 'g', packSize: 28 }],
  [/cream|foot repair/i, { form: 'cream', unit: 'g', packSize: 57 }],
  [/gel\b|hotspot/i, { form: 'gel', unit: 'g', packSize: 85 }],
  [/spray/i, { form: 'cutaneous spray', unit: 'mL', packSize: 100 }],
  [/lip balm|balm|stick|solid|deodorant|secret|dove/i, { form: 'stick', unit: 'g', packSize: 74 }],
  [/powder|bronzer/i, { form: 'powder', unit: 'g', packSize: 10 }],
  [/pads?\b|prep/i, { form: 'medicated plaster', unit: 'plaster', packSize: 100 }],
  [/kit/i, { form: 'kit', unit: 'kit', packSize: 1 }],
  [/alcohol|ipa\b|sanitizer|cleansing|wash/i, { form: 'liquid', unit: 'mL', packSize: 473 }],
  [
    /spf|sunscreen|sun\b|moisturi[sz]er|lotion|tint|serum|toner|conditioner/i,
    { form: 'cutaneous emulsion', unit: 'mL', packSize: 120 },
  ],
  [/cold|flu|cough|children|junior|accudial|liquid/i, { form: 'oral solution', unit: 'mL', packSize: 120 }],
];

/** Form, pack and ingredients read from a cleaned product name; defaults to a cream. */
const ORAL = new Set([
  'Ibuprofen',
  'Paracetamol',
  'Aspirin',
  'Naproxen',
  'Diphenhydramine',
  'Loratadine',
  'Cetirizine',
  'Chlorphenamine',
  'Guaifenesin',
  'Phenylephrine',
  'Docusate',
  'Senna',
  'Bisacodyl',
  'Simeticone',
  'Dimenhydrinate',
  'Ephedrine',
]);

export const guessFromName = (name: string): OtcGuess => {
  const ingredients = [...new Set(INGREDIENT_WORDS.filter(([re]) => re.test(name)).map(([, n]) => n))].slice(
    0,
    2,
  );
  const oral = ingredients.some((i) => ORAL.has(i));
  const base =
    FORM_WORDS.find(([re]) => re.test(name))?.[1] ??
    (oral ? { form: 'tablet', unit: 'tablet', packSize: 100 } : { form: 'cream', unit: 'g', packSize: 50 });
  const mg = /(\d+(?:\.\d+)?) ?mg/i.exec(name);
  return { ...base, ingredients, strength: mg ? `${mg[1]} mg` : null };
};

type Template = { name: string } & OtcGuess;

const t = (
  name: string,
  form: string,
  unit: string,
  packSize: number,
  ingredients: string[],
  strength: string | null,
): Template => ({
  name,
  form,
  unit,
  packSize,
  ingredients,
  strength,
});

/** Plausible counter products for reads whose image name says nothing. */
export const OTC_TEMPLATES: Template[] = [
  t('Pain relief ibuprofen 200 mg tablets', 'tablet', 'tablet', 100, ['Ibuprofen'], '200 mg'),
  t('Pain relief ibuprofen 200 mg softgels', 'capsule', 'capsule', 40, ['Ibuprofen'], '200 mg'),
  t('Extra strength acetaminophen 500 mg caplets', 'tablet', 'tablet', 100, ['Paracetamol'], '500 mg'),
  t('Regular strength acetaminophen 325 mg tablets', 'tablet', 'tablet', 100, ['Paracetamol'], '325 mg'),
  t(
    'Low dose aspirin 81 mg enteric coated tablets',
    'gastro-resistant tablet',
    'tablet',
    120,
    ['Aspirin'],
    '81 mg',
  ),
  t('Naproxen sodium 220 mg tablets', 'tablet', 'tablet', 50, ['Naproxen'], '220 mg'),
  t('Allergy relief loratadine 10 mg tablets', 'tablet', 'tablet', 30, ['Loratadine'], '10 mg'),
  t('Allergy relief cetirizine 10 mg tablets', 'tablet', 'tablet', 45, ['Cetirizine'], '10 mg'),
  t('Allergy relief fexofenadine 180 mg tablets', 'tablet', 'tablet', 30, ['Fexofenadine'], '180 mg'),
  t('Antihistamine diphenhydramine 25 mg capsules', 'capsule', 'capsule', 24, ['Diphenhydramine'], '25 mg'),
  t('Nighttime sleep aid 25 mg caplets', 'tablet', 'tablet', 32, ['Diphenhydramine'], '25 mg'),
  t('Heartburn relief famotidine 20 mg tablets', 'tablet', 'tablet', 25, ['Famotidine'], '20 mg'),
  t(
    'Acid reducer omeprazole 20 mg delayed-release tablets',
    'gastro-resistant tablet',
    'tablet',
    14,
    ['Omeprazole'],
    '20 mg',
  ),
  t(
    'Antacid calcium carbonate 750 mg chewable tablets',
    'chewable tablet',
    'tablet',
    96,
    ['Calcium carbonate'],
    '750 mg',
  ),
  t('Anti-diarrheal loperamide 2 mg caplets', 'tablet', 'tablet', 24, ['Loperamide'], '2 mg'),
  t('Gas relief simethicone 125 mg softgels', 'capsule', 'capsule', 50, ['Simeticone'], '125 mg'),
  t('Stool softener docusate 100 mg softgels', 'capsule', 'capsule', 100, ['Docusate'], '100 mg'),
  t('Natural vegetable laxative sennosides 8.6 mg tablets', 'tablet', 'tablet', 100, ['Senna'], '8.6 mg'),
  t('Clearlax polyethylene glycol 3350 powder', 'oral powder', 'g', 238, ['Macrogol 3350'], null),
  t('Chest congestion guaifenesin 400 mg tablets', 'tablet', 'tablet', 50, ['Guaifenesin'], '400 mg'),
  t('Cough DM dextromethorphan syrup', 'oral solution', 'mL', 118, ['Dextromethorphan', 'Guaifenesin'], null),
  t('Daytime cold and flu relief liquid', 'oral solution', 'mL', 236, ['Paracetamol', 'Phenylephrine'], null),
  t('Nighttime cold and flu relief liquid', 'oral solution', 'mL', 236, ['Paracetamol', 'Doxylamine'], null),
  t(
    "Children's pain and fever acetaminophen oral suspension",
    'oral suspension',
    'mL',
    118,
    ['Paracetamol'],
    '160 mg/5 mL',
  ),
  t('Motion sickness meclizine 25 mg tablets', 'tablet', 'tablet', 12, ['Meclozine'], '25 mg'),
  t('Hydrocortisone 1% anti-itch cream', 'cream', 'g', 28, ['Hydrocortisone'], '1%'),
  t('Triple antibiotic ointment', 'ointment', 'g', 28, ['Bacitracin', 'Neomycin', 'Polymyxin B'], null),
  t('Miconazole nitrate 2% antifungal cream', 'cream', 'g', 28, ['Miconazole'], '2%'),
  t("Clotrimazole 1% athlete's foot cream", 'cream', 'g', 28, ['Clotrimazole'], '1%'),
  t('Lidocaine 4% pain relief patches', 'medicated plaster', 'plaster', 5, ['Lidocaine'], '4%'),
  t('Menthol pain relieving gel', 'gel', 'g', 85, ['Menthol'], null),
  t('Diaper rash zinc oxide ointment', 'ointment', 'g', 113, ['Zinc oxide'], '40%'),
  t('Broad spectrum SPF 30 sunscreen lotion', 'cutaneous emulsion', 'mL', 237, ['Zinc oxide'], null),
  t('Broad spectrum SPF 50 sunscreen spray', 'cutaneous spray', 'mL', 170, ['Zinc oxide'], null),
  t('Advanced hand sanitizer gel', 'gel', 'mL', 236, ['Ethanol'], '70%'),
  t('Isopropyl rubbing alcohol 70%', 'liquid', 'mL', 473, ['Isopropyl alcohol'], '70%'),
  t('Hydrogen peroxide 3% topical solution', 'cutaneous solution', 'mL', 473, ['Hydrogen peroxide'], '3%'),
  t('Lubricant eye drops', 'eye drops', 'mL', 15, ['Carmellose'], '0.5%'),
  t('Redness relief eye drops', 'eye drops', 'mL', 15, ['Tetryzoline'], '0.05%'),
  t('Nasal decongestant oxymetazoline spray', 'nasal spray', 'mL', 30, ['Oxymetazoline'], '0.05%'),
  t('Saline nasal mist', 'nasal spray', 'mL', 44, ['Sodium chloride'], '0.65%'),
  t('Anticavity fluoride toothpaste', 'paste', 'g', 170, ['Sodium fluoride'], '0.24%'),
  t('Antiseptic mouthwash', 'mouthwash', 'mL', 500, ['Menthol'], null),
  t('Medicated lip balm SPF 15', 'stick', 'g', 4, ['White soft paraffin'], null),
  t('Antiperspirant deodorant stick', 'stick', 'g', 74, ['Aluminium chloride'], null),
  t('Dandruff shampoo pyrithione zinc 1%', 'shampoo', 'mL', 400, ['Pyrithione zinc'], '1%'),
  t('Acne treatment benzoyl peroxide 10% gel', 'gel', 'g', 28, ['Benzoyl peroxide'], '10%'),
  t('Wart remover salicylic acid 17% liquid', 'liquid', 'mL', 10, ['Salicylic acid'], '17%'),
  t('Nicotine polacrilex 4 mg gum', 'medicated chewing-gum', 'piece', 100, ['Nicotine'], '4 mg'),
  t('Hemorrhoidal ointment', 'ointment', 'g', 51, ['Phenylephrine'], '0.25%'),
];
