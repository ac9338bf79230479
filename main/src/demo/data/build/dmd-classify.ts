// Class defaults for dm+d medicines that are not in the curated presentations: a plausible form, strength,
// pack and legal category chosen from what the name says (vaccine, insulin, eye drops, emollient, cough
// mixture, ...) or, for plain oral medicines, from the stem of the name (-pril, -sartan, -statin ...).
// The result is a presentation string in the same grammar as known-presentations-*.ts.

import { hashString } from './prng.js';

const has = (n: string, pattern: RegExp): boolean => pattern.test(n);

const BIOLOGIC_STRENGTHS: Record<string, string> = {
  etanercept: '50 mg/1 mL x4',
  'certolizumab pegol': '200 mg/1 mL x2',
  golimumab: '50 mg/0.5 mL x1',
  secukinumab: '150 mg/1 mL x2',
  ixekizumab: '80 mg/1 mL x1',
  ustekinumab: '45 mg/0.5 mL x1',
  guselkumab: '100 mg/1 mL x1',
  dupilumab: '300 mg/2 mL x2',
  omalizumab: '150 mg/1 mL x1',
  mepolizumab: '100 mg/1 mL x1',
  evolocumab: '140 mg/1 mL x2',
  alirocumab: '75 mg/1 mL x2',
  erenumab: '70 mg/1 mL x1',
  tocilizumab: '162 mg/0.9 mL x4',
  anakinra: '100 mg/0.67 mL x7',
  teriparatide: '20 micrograms/80 microlitres x1',
  dulaglutide: '1.5 mg/0.5 mL x4',
  exenatide: '2 mg x4',
  lixisenatide: '20 micrograms/dose x2',
  glatiramer: '40 mg/1 mL x12',
  filgrastim: '30 million units/0.5 mL x5',
  'epoetin alfa': '10000 units/1 mL x6',
  somatropin: '5 mg/1.5 mL x1',
  'fondaparinux sodium': '2.5 mg/0.5 mL x10',
};

// UK Misuse of Drugs Regulations schedules, as dm+d CONTROL_DRUG_CATEGORY codes.
const CD_CODES: [string, string][] = [
  [
    '0002',
    'morphine; diamorphine; oxycodone; oxycodone + naloxone; fentanyl; methadone; hydromorphone; pethidine; tapentadol; dexamfetamine; amfetamine + dexamfetamine; lisdexamfetamine; methylphenidate; dexmethylphenidate; dipipanone + cyclizine; dextromoramide; papaveretum; papaveretum + hyoscine hydrobromide; aspirin + papaveretum; nabilone; dronabinol; dronabinol + cannabidiol; sodium oxybate; morphine + cyclizine; pethidine + promethazine; opium; levomethadone',
  ],
  ['0003', 'secobarbital'],
  [
    '0004',
    'buprenorphine; buprenorphine + naloxone; pentazocine; diethylpropion; phentermine; amobarbital; amobarbital + secobarbital; butobarbital; flunitrazepam',
  ],
  [
    '0005',
    'gabapentin; pregabalin; tramadol; tramadol + paracetamol; tramadol + dexketoprofen; meprobamate; midazolam; meptazinol',
  ],
  ['0006', 'phenobarbital; phenobarbital sodium'],
  ['0007', 'temazepam'],
  [
    '0008',
    'testosterone; testosterone enantate; testosterone propionate; testosterone undecanoate; nandrolone; oxandrolone; oxymetholone; stanozolol; mesterolone; methyltestosterone; androstanolone; somatropin; chorionic gonadotrophin; prasterone; prasterone + calcium carbonate',
  ],
  [
    '0009',
    'alprazolam; bromazepam; chlordiazepoxide; chlordiazepoxide + clidinium; clobazam; clonazepam; diazepam; dipotassium clorazepate; flurazepam; loprazolam; lorazepam; lormetazepam; nitrazepam; oxazepam; prazepam; zaleplon; zolpidem; zopiclone',
  ],
  [
    '0010',
    'codeine; co-codamol; co-dydramol; dihydrocodeine; paracetamol + dihydrocodeine; pholcodine; pholcodine + promethazine; diphenhydramine + pholcodine; aspirin + codeine; ibuprofen + codeine; codeine + kaolin; kaolin + morphine; calcium carbonate + opium; camphorated opium + ipecacuanha + sodium bicarbonate; camphorated opium + squill oxymel; co-phenotrope; terpin + codeine; guaiacol + codeine; chloroform + morphine; ethylmorphine; morphine + peppermint',
  ],
];

const CD_CODE_BY_NAME = new Map<string, string>(
  CD_CODES.flatMap(([code, names]) => names.split(';').map((n) => [n.trim(), code] as [string, string])),
);

/** dm+d controlled-drug category code of a VTM, or null when it is not a controlled drug. */
export const controlledDrugCode = (name: string): string | null =>
  CD_CODE_BY_NAME.get(name.toLowerCase()) ?? null;

/** Ingredients of the dm+d 'Co-' names, which carry no '+' of their own (order as the strength is written). */
export const CO_NAME_INGREDIENTS: Record<string, string[]> = {
  'Co-amilofruse': ['Amiloride', 'Furosemide'],
  'Co-amilozide': ['Amiloride', 'Hydrochlorothiazide'],
  'Co-amoxiclav': ['Amoxicillin', 'Clavulanic acid'],
  'Co-beneldopa': ['Benserazide', 'Levodopa'],
  'Co-careldopa': ['Carbidopa', 'Levodopa'],
  'Co-codamol': ['Codeine', 'Paracetamol'],
  'Co-cyprindiol': ['Cyproterone', 'Ethinylestradiol'],
  'Co-danthramer': ['Dantron', 'Poloxamer 188'],
  'Co-danthrusate': ['Dantron', 'Docusate'],
  'Co-dydramol': ['Dihydrocodeine', 'Paracetamol'],
  'Co-magaldrox': ['Magnesium hydroxide', 'Aluminium hydroxide'],
  'Co-phenotrope': ['Diphenoxylate', 'Atropine'],
  'Co-simalcite': ['Simeticone', 'Hydrotalcite'],
  'Co-tenidone': ['Atenolol', 'Chlortalidone'],
  'Co-triamterzide': ['Triamterene', 'Hydrochlorothiazide'],
  'Co-trimoxazole': ['Trimethoprim', 'Sulfamethoxazole'],
};

// UK VAT charges the reduced rate on nicotine replacement and on contraceptives sold over the counter.
const REDUCED_RATE = new Set(['nicotine', 'levonorgestrel', 'ulipristal', 'nonoxinol']);

export const isReducedRate = (name: string): boolean => REDUCED_RATE.has(name.toLowerCase());

const SUPPLEMENT =
  /vitamin|ascorb|tocopherol|retinol|biotin|riboflavin|nicotinamide|pantothen|cobalamin|menaquinone|menatetrenone|selenium|^zinc (gluconate|citrate|glycinate)|^magnesium (glycinate|malate|orotate|aspartate|amino|lactate|glycerophosphate|oxide|chloride)|^calcium (ascorbate|lactate|gluconate|phosphate|acetate)|chromium|^copper|manganese|^boron|glucosamine|chondroitin|fish oil|cod liver|halibut|evening primrose|borage|gamolenic|ubidecarenone|lipoic|carnitine|creatine|taurine|^lysine|glutamine|^arginine|citrulline|tyrosine|tryptophan|ornithine|leucine|^valine|methionine|phenylalanine|cystine|betacarotene|garlic|ginkgo|ginseng|echinacea|cranberry|john's wort|valerian|passion flower|chamomile|^ginger|raspberry leaf|serrapeptase|policosanol|allicin|lactobacillus|bifidobacterium|eicosapentaenoic|doconexent|diosmin|glutathione|ademetionine|oxitriptan|^inositol|choline dihydrogen|acetyl-l-carnitine|pyridoxal|^ferrous|ferric maltol|polysaccharide-iron|^iron|sodium feredetate|^thyme$|^peppermint$|liquorice$|^honey$|^siberian/;

const OIL = /\boil\b/;
const ANTISEPTIC =
  /chlorhexidine|cetrimide|chloroxylenol|hexachlorophene|triclosan|povidone|iodine|methylated spirit|isopropyl alcohol|hypochlorite|permanganate|brilliant green|crystal violet|methylrosanilinium|eosin|proflavine|polihexanide|didecyldimethylammonium|benzalkonium|hydrogen peroxide|halogenated phenols|^ammonia|iodoform|glutaraldehyde|formaldehyde|silver nitrate|aluminium chloride|potassium hydroxide|trichloroacetic/;
const EMOLLIENT =
  /paraffin|wool fat|lanolin|emulsifying|cetomacrogol|isopropyl myristate|^urea|dimeticone|almond oil \+|soft paraffin|glycerol \+ (starch)|lauromacrogols|wool alcohols/;
const TOPICAL =
  /coal tar|(^|[^o])salicylic|zinc oxide|calamine|ichthammol|dithranol|clobetasol|clobetasone|betamethasone \+|hydrocortisone \+|\+ hydrocortisone|fluocinolone|fluocinonide|fluocortolone|diflucortolone|fludroxycortide|alclometasone|desoximetasone|halcinonide|prednicarbate|methylprednisolone aceponate|conazole \+|^(bifonazole|sulconazole|tioconazole|fenticonazole|flutrimazole|tolnaftate|undecenoic|zinc undecenoate)|tretinoin|tazarotene|azelaic|benzoyl|erythromycin \+ zinc|pimecrolimus|tacalcitol|ingenol|eflornithine|hydroquinone|camphor|menthol|methyl salicylate|salicylate|capsaicin|crotamiton|permethrin|phenothrin|carbaryl|malathion|podophyll|cantharidin|diphencyprone|resorcinol|sulfur|cade oil|tar$|talc|heparinoid|allantoin|hamamelis|dexpanthenol|neomycin \+|nystatin \+|framycetin|mupirocin|retapamulin|sulfadiazine silver|mafenide|aldioxa|diethylamine salicylate|felbinac|piroxicam|benzyl benzoate|lidocaine \+ hydrocortisone|lactic acid|collodion/;
const EYE =
  /tafluprost|travoprost|levobunolol|carteolol|betaxolol|metipranolol|apraclonidine|pilocarpine|lodoxamide|nedocromil|epinastine|emedastine|antazoline|hypromellose \+|sodium hyaluronate|trehalose|hydroxypropyl guar|povidone$|polyvinyl|homatropine|phenylephrine \+ (tropicamide|cyclopentolate)|bromfenac|nepafenac|ketorolac|loteprednol|rimexolone|dexamethasone \+ tobramycin|^propamidine$|^dibrompropamidine$|idoxuridine|natamycin|oxybuprocaine|tetracaine$|bimatoprost \+|brimonidine \+|brinzolamide \+|travoprost \+|tafluprost \+|hamamelis \+ naphazoline|naphazoline|hylan|carbomer|zinc hyaluronate|levocabastine/;
const EAR =
  /ciprofloxacin \+ (dexamethasone|fluocinolone)|flumetasone \+ clioquinol|urea hydrogen peroxide|docusate sodium \+ glycerol|chlorobutanol|phenazone|choline salicylate \+ glycerol|arachis oil|gentamicin \+ hydrocortisone|neomycin \+ triamcinolone|dexamethasone \+ framycetin/;
const NASAL = /xylometazoline|tramazoline|flunisolide|oxymetazoline|sodium cromoglicate \+ xylometazoline/;
const INHALED =
  /aclidinium|indacaterol|olodaterol|umeclidinium|fenoterol|oxitropium|salbutamol \+|sodium cromoglicate \+ salbutamol|formoterol|glycopyrronium bromide \+|vilanterol|nedocromil|tobramycin|colistimethate|aztreonam lysine|mannitol$|zanamivir/;
const HAEMORRHOID =
  /cinchocaine|pramocaine|bismuth subgallate|bismuth subnitrate|benzyl benzoate \+ bismuth|ruscogenins|lauromacrogol 400 \+|fluocortolone/;
const MOUTH =
  /amylmetacresol|dichlorobenzyl|hexylresorcinol|cetylpyridinium|benzocaine|hexetidine|choline salicylate|cetalkonium|carbenoxolone|glycerol \+ thymol|sodium perborate|mucin|tyrothricin|domiphen|stannous fluoride|sodium monofluorophosphate|sodium fluoride|lidocaine \+ (cetylpyridinium|chlorhexidine|cetrimide)/;
const COUGH =
  /dextromethorphan|pholcodine|guaifenesin|squill|ipecacuanha|pseudoephedrine|ammonium chloride|^honey|glycerol \+ sucrose|liquorice \+|ephedrine|brompheniramine|triprolidine|diphenhydramine \+|terpin|guaiacol|marshmallow|wild cherry|thyme/;
const ANTACID =
  /alumin|magnesium (carbonate|trisilicate|hydroxide)|alginate|simeticone|hydrotalcite|alexitol|sodium bicarbonate|calcium carbonate \+|chalk|dill oil|activated charcoal/;
const LAXATIVE =
  /senna|ispaghula|sterculia|frangula|cascara|^fig|docusate|lactitol|macrogol|magnesium sulfate|sodium acid phosphate|sodium citrate$|methylcellulose|bisacodyl|glycerol$|sodium picosulfate/;

type Stem = { pattern: RegExp; variant: string };

// Plain oral medicines: a usual strength and pack for the stem of the name.
const ORAL_STEMS: Stem[] = [
  { pattern: /pril(at)?$|pril (arginine|erbumine|tosilate)$/, variant: 'tablet 5 mg x28 pom' },
  { pattern: /sartan$/, variant: 'tablet 80 mg x28 pom' },
  { pattern: /olol$/, variant: 'tablet 50 mg x28 pom' },
  { pattern: /dipine$/, variant: 'tablet 10 mg x28 pom' },
  { pattern: /statin$/, variant: 'tablet 20 mg x28 pom' },
  { pattern: /gliptin$/, variant: 'tablet 100 mg x28 pom' },
  { pattern: /gliflozin$/, variant: 'tablet 10 mg x28 pom' },
  { pattern: /glinide$|^gli/, variant: 'tablet 5 mg x28 pom' },
  { pattern: /triptan$/, variant: 'tablet 2.5 mg x6 pom' },
  { pattern: /setron$/, variant: 'tablet 8 mg x10 pom' },
  { pattern: /tidine$/, variant: 'tablet 150 mg x28 pom' },
  { pattern: /prazole$/, variant: 'gastro-resistant capsule 20 mg x28 pom' },
  { pattern: /floxacin$/, variant: 'tablet 400 mg x10 pom' },
  { pattern: /cillin$/, variant: 'capsule 500 mg x21 pom' },
  { pattern: /cycline$/, variant: 'capsule 100 mg x28 pom' },
  { pattern: /^cef/, variant: 'capsule 500 mg x21 pom' },
  { pattern: /mycin$/, variant: 'tablet 250 mg x14 pom' },
  { pattern: /conazole$/, variant: 'capsule 100 mg x28 pom' },
  { pattern: /vir$|virine$|tegravir$/, variant: 'tablet 300 mg x30 pom' },
  { pattern: /azepam$|azolam$|zepam$/, variant: 'tablet 5 mg x28 pom' },
  { pattern: /barbital$/, variant: 'tablet 30 mg x28 pom' },
  {
    pattern: /(tinib|ciclib|parib|rafenib|metinib|lisib|zomib|degib|toclax)$/,
    variant: 'tablet 100 mg x30 pom',
  },
  { pattern: /zosin$/, variant: 'tablet 2 mg x28 pom' },
  { pattern: /semide$|etanide$/, variant: 'tablet 40 mg x28 pom' },
  { pattern: /thiazide$/, variant: 'tablet 2.5 mg x28 pom' },
  { pattern: /dron(ic acid|ate)|dronate/, variant: 'tablet 70 mg x4 pom' },
  { pattern: /lukast$/, variant: 'tablet 10 mg x28 pom' },
  { pattern: /afil$/, variant: 'tablet 50 mg x4 pom' },
  { pattern: /(oxetine|aline|pram)$/, variant: 'tablet 20 mg x28 pom' },
  { pattern: /(triptyline|ipramine|epin)$/, variant: 'tablet 25 mg x28 pom' },
  { pattern: /(azine|peridol|perone|pentixol|penthixol)$/, variant: 'tablet 25 mg x28 pom' },
  { pattern: /(apine|idone|piprazole|asidone)$/, variant: 'tablet 100 mg x28 pom' },
  { pattern: /(profen|fenac|oxicam|metacin)$/, variant: 'tablet 200 mg x30 pom' },
  { pattern: /coxib$/, variant: 'capsule 200 mg x30 pom' },
  { pattern: /(sone|olone|solone|cort)$/, variant: 'tablet 5 mg x30 pom' },
  { pattern: /(xaban|gatran|grel)$/, variant: 'tablet 20 mg x28 pom' },
  { pattern: /(racetam|amide|amate|gabine|ine)$/, variant: 'tablet 50 mg x28 pom' },
  {
    pattern: /(estradiol|estrel|gestrel|gestone|progesterone|gestrinone|dienogest)/,
    variant: 'tablet 2 mg x28 pom',
  },
  { pattern: /(acid|ate)$/, variant: 'tablet 250 mg x28 pom' },
];

const DEFAULT_ORAL_STRENGTHS = ['5 mg', '10 mg', '25 mg', '50 mg', '100 mg', '200 mg', '250 mg', '500 mg'];

const oralDefault = (n: string): string => {
  for (const stem of ORAL_STEMS) if (stem.pattern.test(n)) return stem.variant;
  const strength = DEFAULT_ORAL_STRENGTHS[hashString(n) % DEFAULT_ORAL_STRENGTHS.length];
  return `tablet ${strength} x28 pom`;
};

/** A presentation string for a VTM that has no curated presentations. */
export const defaultPresentations = (name: string): string => {
  const n = name.toLowerCase();
  const combination = n.includes(' + ');
  if (n.includes('vaccine')) {
    if (n.startsWith('cholera')) return 'oral suspension x2:dose pom';
    if (n.startsWith('typhoid'))
      return 'suspension for injection x1:syringe pom; gastro-resistant capsule x3 pom';
    return 'suspension for injection x1:syringe pom';
  }
  if (n.startsWith('insulin')) return 'solution for injection 100 units/mL x5:cartridge pom';
  const biologic = BIOLOGIC_STRENGTHS[n];
  if (biologic) return `solution for injection ${biologic}:pen pom`;
  if (/parin$|parin sodium$/.test(n)) return 'solution for injection x10:syringe pom';
  if (/decanoate|enantate|embonate/.test(n)) return 'solution for injection x5:ampoule pom @intramuscular';
  if (/^(goserelin|leuprorelin|triptorelin|buserelin|nafarelin)/.test(n)) return 'implant x1 pom';
  if (
    /(mab|mab pegol|cept|glutide|paratide|relix|rophin|tropin|gonadotrophin|alfa|beta|gamma|delta|zeta)$|^(corticotropin)$|^(glatiramer|interferon|peginterferon|follitropin|c1-esterase|icatibant|fondaparinux|enfuvirtide|calcitonin|parathyroid|pegvisomant|romiplostim|mecasermin|palivizumab|dornase)/.test(
      n,
    )
  )
    return 'solution for injection x1:syringe pom';
  if (has(n, EYE)) return 'eye drops x5 pom';
  if (has(n, EAR)) return combination ? 'ear drops x10 pom' : 'ear drops x10 p';
  if (has(n, NASAL)) return 'nasal spray x10:mL p';
  if (has(n, INHALED)) return 'inhalation powder x30 pom';
  if (has(n, HAEMORRHOID)) return 'rectal ointment x30 p; suppository x12 p';
  if (has(n, MOUTH)) return /fluoride/.test(n) ? 'mouthwash x250 p' : 'lozenge x24 gsl';
  if (has(n, SUPPLEMENT) && !combination) return 'tablet x60 gsl';
  if (has(n, SUPPLEMENT)) return 'capsule x60 gsl';
  if (OIL.test(n) && !combination) return 'liquid x50 gsl';
  if (has(n, EMOLLIENT) || n.includes('emulsifying'))
    return /paraffin|wool fat|wool alcohols|ointment/.test(n) ? 'ointment x500 gsl' : 'cream x500 gsl';
  if (has(n, ANTISEPTIC)) return 'cutaneous solution x250 gsl';
  if (/opium|ipecacuanha|squill/.test(n)) return 'oral solution x100 p';
  if (has(n, TOPICAL)) {
    if (/coal tar|dithranol|cade oil|^tar$/.test(n)) return 'ointment x100 pom';
    if (
      /clobetasol|fluocinolone|fluocinonide|diflucortolone|halcinonide|desoximetasone|betamethasone|neomycin|framycetin|fusid|mupirocin|retapamulin|tretinoin|tazarotene|pimecrolimus|tacalcitol|ingenol|eflornithine|hydroquinone|mafenide|sulfadiazine/.test(
        n,
      )
    )
      return 'cream x30 pom';
    if (/salicylate|menthol|camphor|capsaicin|felbinac|piroxicam/.test(n)) return 'gel x50 gsl';
    if (/permethrin|phenothrin|carbaryl|malathion|benzyl benzoate/.test(n)) return 'cutaneous emulsion x50 p';
    return 'cream x30 p';
  }
  if (has(n, COUGH)) return 'oral solution x100 p';
  if (has(n, ANTACID)) return 'oral suspension x500 gsl';
  if (has(n, LAXATIVE)) return 'oral solution x200 gsl';
  if (combination) return 'tablet x28 pom';
  return oralDefault(n);
};
