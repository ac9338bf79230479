// What the DailyMed subset does not say about its products: the generic (INN) ingredients behind each
// product name, the dosage form (read from the inactive ingredients: gelatin and shellac mean capsules,
// norflurane an aerosol, petrolatum an ointment ...) and, where a labeler lists consecutive product codes
// for a strength series, the strength of each code. Strengths not known this way stay null.

export type DailyMedFact = {
  /** generic (INN) ingredient names */
  ingredients: string[];
  /** brand name when the product name is one */
  brand?: string;
  form: string;
  route?: string;
  unit?: string;
  /** strength of the whole product by NDC product code, when known */
  strengths?: Record<string, string>;
  /** pack size when the package code does not tell it */
  packSize?: number;
  /** a different form for some product codes of the same name */
  forms?: Record<string, string>;
};

const series = (codes: string[], strengths: string[]): Record<string, string> =>
  Object.fromEntries(codes.map((c, i) => [c, strengths[i] ?? '']).filter(([, s]) => s !== ''));

/** Keyed by the product name in lower case with spaces collapsed. */
export const DAILYMED_FACTS: Record<string, DailyMedFact> = {
  'phentermine hydrochloride': {
    ingredients: ['Phentermine'],
    form: 'capsule',
    strengths: { '72189-071': '37.5 mg' },
  },
  metaxalone: { ingredients: ['Metaxalone'], form: 'tablet', strengths: { '60760-289': '800 mg' } },
  daptomycin: {
    ingredients: ['Daptomycin'],
    form: 'powder for solution for injection',
    route: 'intravenous',
    strengths: { '69097-807': '500 mg' },
  },
  aripiprazole: {
    ingredients: ['Aripiprazole'],
    form: 'tablet',
    strengths: series(
      ['43598-554', '43598-555', '43598-556', '43598-557', '43598-558', '43598-559'],
      ['2 mg', '5 mg', '10 mg', '15 mg', '20 mg', '30 mg'],
    ),
  },
  'nudermrxpak 120': {
    ingredients: ['Calcipotriol', 'Dimeticone'],
    brand: 'NuDermRxPAK 120',
    form: 'kit',
    route: 'cutaneous',
  },
  'nudermrxpak 60': {
    ingredients: ['Calcipotriol', 'Dimeticone'],
    brand: 'NuDermRxPAK 60',
    form: 'kit',
    route: 'cutaneous',
  },
  'metoprolol succinate': { ingredients: ['Metoprolol'], form: 'modified-release tablet' },
  ibuprofen: { ingredients: ['Ibuprofen'], form: 'tablet' },
  lipitor: { ingredients: ['Atorvastatin'], brand: 'Lipitor', form: 'tablet' },
  cinacalcet: {
    ingredients: ['Cinacalcet'],
    form: 'tablet',
    strengths: series(['16714-078', '16714-079', '16714-080'], ['30 mg', '60 mg', '90 mg']),
  },
  prednisone: { ingredients: ['Prednisone'], form: 'tablet' },
  'zolpidem tartrate': {
    ingredients: ['Zolpidem'],
    form: 'tablet',
    strengths: series(['64330-623', '64330-624'], ['5 mg', '10 mg']),
  },
  lidocaine: {
    ingredients: ['Lidocaine'],
    form: 'ointment',
    strengths: { '76420-036': '5%', '0378-9055': '5%' },
    forms: { '0378-9055': 'medicated plaster' },
  },
  lyrica: {
    ingredients: ['Pregabalin'],
    brand: 'Lyrica',
    form: 'capsule',
    strengths: series(
      [
        '0071-1012',
        '0071-1013',
        '0071-1014',
        '0071-1015',
        '0071-1016',
        '0071-1017',
        '0071-1019',
        '0071-1018',
        '0071-1020',
      ],
      ['25 mg', '50 mg', '75 mg', '100 mg', '150 mg', '200 mg', '225 mg', '300 mg', '20 mg/mL'],
    ),
    forms: { '0071-1020': 'oral solution' },
  },
  cefazolin: { ingredients: ['Cefazolin'], form: 'powder for solution for injection', route: 'intravenous' },
  oxacillin: { ingredients: ['Oxacillin'], form: 'powder for solution for injection', route: 'intravenous' },
  cidofovir: {
    ingredients: ['Cidofovir'],
    form: 'solution for infusion',
    strengths: { '67457-210': '75 mg/mL' },
  },
  alvesco: {
    ingredients: ['Ciclesonide'],
    brand: 'Alvesco',
    form: 'pressurised inhalation',
    strengths: series(['70515-711', '70515-712'], ['80 micrograms/dose', '160 micrograms/dose']),
  },
  'ondansetron hydrochloride': { ingredients: ['Ondansetron'], form: 'tablet' },
  coreg: {
    ingredients: ['Carvedilol'],
    brand: 'Coreg',
    form: 'modified-release capsule',
    strengths: series(
      ['0007-3370', '0007-3371', '0007-3372', '0007-3373'],
      ['10 mg', '20 mg', '40 mg', '80 mg'],
    ),
  },
  'metformin hydrochloride extended release': {
    ingredients: ['Metformin'],
    form: 'modified-release tablet',
    strengths: { '72189-064': '500 mg' },
  },
  teriflunomide: {
    ingredients: ['Teriflunomide'],
    form: 'tablet',
    strengths: series(['69238-1303', '69238-1304'], ['7 mg', '14 mg']),
  },
  'pantoprazole sodium': { ingredients: ['Pantoprazole'], form: 'gastro-resistant tablet' },
  zepzelca: {
    ingredients: ['Lurbinectedin'],
    brand: 'Zepzelca',
    form: 'powder for solution for injection',
    route: 'intravenous',
    strengths: { '68727-712': '4 mg' },
  },
  acyclovir: { ingredients: ['Aciclovir'], form: 'tablet' },
  fluocinonide: {
    ingredients: ['Fluocinonide'],
    form: 'cutaneous solution',
    strengths: { '71428-001': '0.05%' },
  },
  'enalapril maleate': {
    ingredients: ['Enalapril'],
    form: 'tablet',
    strengths: series(
      ['23155-704', '23155-705', '23155-706', '23155-707'],
      ['2.5 mg', '5 mg', '10 mg', '20 mg'],
    ),
  },
  eszopiclone: {
    ingredients: ['Eszopiclone'],
    form: 'tablet',
    strengths: series(['76420-024', '76420-026', '76420-027'], ['1 mg', '2 mg', '3 mg']),
  },
  'fresenius propoven 2%': {
    ingredients: ['Propofol'],
    brand: 'Fresenius Propoven',
    form: 'emulsion for injection',
    strengths: { '18124-027': '20 mg/mL', '65219-427': '20 mg/mL' },
  },
  'isosorbide dinitrate': { ingredients: ['Isosorbide dinitrate'], form: 'tablet' },
  'cyclobenzaprine hydrochloride': { ingredients: ['Cyclobenzaprine'], form: 'tablet' },
  ciprofloxacin: {
    ingredients: ['Ciprofloxacin'],
    form: 'tablet',
    strengths: series(['0143-9927', '0143-9928', '0143-9929'], ['250 mg', '500 mg', '750 mg']),
  },
  'atomoxetine hydrochloride': {
    ingredients: ['Atomoxetine'],
    form: 'capsule',
    strengths: series(
      ['60505-2830', '60505-2831', '60505-2832', '60505-2833', '60505-2834', '60505-2835', '60505-2836'],
      ['10 mg', '18 mg', '25 mg', '40 mg', '60 mg', '80 mg', '100 mg'],
    ),
  },
  infasurf: {
    ingredients: ['Calfactant'],
    brand: 'Infasurf',
    form: 'endotracheopulmonary suspension',
    strengths: { '61938-456': '35 mg/mL' },
  },
  zavesca: {
    ingredients: ['Miglustat'],
    brand: 'Zavesca',
    form: 'capsule',
    strengths: { '66215-201': '100 mg' },
  },
  olanzapine: {
    ingredients: ['Olanzapine'],
    form: 'orodispersible tablet',
    strengths: series(
      ['0093-5245', '0093-5246', '0093-5247', '0093-5248'],
      ['5 mg', '10 mg', '15 mg', '20 mg'],
    ),
  },
  'sevelamer carbonate': { ingredients: ['Sevelamer'], form: 'tablet', strengths: { '65162-058': '800 mg' } },
  'montelukast sodium': { ingredients: ['Montelukast'], form: 'tablet', strengths: { '70934-485': '10 mg' } },
  dexycu: {
    ingredients: ['Dexamethasone'],
    brand: 'Dexycu',
    form: 'suspension for injection',
    route: 'intraocular',
    strengths: { '71879-001': '9%' },
  },
  'atorvastatin calcium': { ingredients: ['Atorvastatin'], form: 'tablet' },
  ropinirole: {
    ingredients: ['Ropinirole'],
    form: 'tablet',
    strengths: series(
      ['68462-253', '68462-254', '68462-255', '68462-256', '68462-257', '68462-258', '68462-259'],
      ['0.25 mg', '0.5 mg', '1 mg', '2 mg', '3 mg', '4 mg', '5 mg'],
    ),
  },
  'hydrocortisone acetate': {
    ingredients: ['Hydrocortisone'],
    form: 'suppository',
    strengths: { '75834-147': '25 mg' },
  },
  'doxycycline hyclate': { ingredients: ['Doxycycline'], form: 'tablet' },
  'propranolol hydrochloride': {
    ingredients: ['Propranolol'],
    form: 'modified-release capsule',
    strengths: series(
      ['62559-530', '62559-531', '62559-532', '62559-533'],
      ['60 mg', '80 mg', '120 mg', '160 mg'],
    ),
  },
  'valacyclovir hydrochloride': { ingredients: ['Valaciclovir'], form: 'tablet' },
  valacyclovir: { ingredients: ['Valaciclovir'], form: 'tablet' },
  indapamide: { ingredients: ['Indapamide'], form: 'tablet' },
  'eletriptan hydrobromide': {
    ingredients: ['Eletriptan'],
    form: 'tablet',
    strengths: series(['0378-4287', '0378-4288'], ['20 mg', '40 mg']),
  },
  docetaxel: {
    ingredients: ['Docetaxel'],
    form: 'solution for infusion',
    strengths: { '57884-3021': '20 mg/mL' },
  },
  'amlodipine besylate': { ingredients: ['Amlodipine'], form: 'tablet' },
  'potassium chloride': {
    ingredients: ['Potassium chloride'],
    form: 'oral solution',
    strengths: series(['60505-6184', '60505-6185'], ['20 mEq/15 mL', '40 mEq/15 mL']),
  },
  vytorin: { ingredients: ['Ezetimibe', 'Simvastatin'], brand: 'Vytorin', form: 'tablet' },
  'clonidine hydrochloride': { ingredients: ['Clonidine'], form: 'tablet' },
  chlorthalidone: { ingredients: ['Chlortalidone'], form: 'tablet' },
  sildenafil: { ingredients: ['Sildenafil'], form: 'tablet' },
  'hydroxyzine hcl': { ingredients: ['Hydroxyzine'], form: 'tablet' },
  'hydroxyzine hydrochloride': { ingredients: ['Hydroxyzine'], form: 'tablet' },
  'diclofenac sodium': { ingredients: ['Diclofenac'], form: 'gel', strengths: { '76420-025': '1%' } },
  'sertraline hydrochloride': { ingredients: ['Sertraline'], form: 'tablet' },
  pregabalin: {
    ingredients: ['Pregabalin'],
    form: 'capsule',
    strengths: series(
      [
        '76420-095',
        '76420-096',
        '76420-097',
        '76420-098',
        '76420-099',
        '76420-100',
        '76420-101',
        '76420-102',
      ],
      ['25 mg', '50 mg', '75 mg', '100 mg', '150 mg', '200 mg', '225 mg', '300 mg'],
    ),
  },
  'ventolin hfa': {
    ingredients: ['Salbutamol'],
    brand: 'Ventolin HFA',
    form: 'pressurised inhalation',
    strengths: { '72189-016': '90 micrograms/dose' },
  },
  'vancomycin hydrochloride': {
    ingredients: ['Vancomycin'],
    form: 'powder for solution for injection',
    route: 'intravenous',
  },
  cozaar: { ingredients: ['Losartan'], brand: 'Cozaar', form: 'tablet' },
  provocholine: {
    ingredients: ['Methacholine'],
    brand: 'Provocholine',
    form: 'powder for nebuliser solution',
    strengths: { '64281-100': '100 mg' },
  },
  'benazepril hydrochloride': { ingredients: ['Benazepril'], form: 'tablet' },
  tracleer: {
    ingredients: ['Bosentan'],
    brand: 'Tracleer',
    form: 'tablet',
    strengths: series(['66215-101', '66215-102', '66215-103'], ['62.5 mg', '125 mg', '32 mg']),
  },
  chlorzoxazone: { ingredients: ['Chlorzoxazone'], form: 'tablet' },
  escitalopram: { ingredients: ['Escitalopram'], form: 'tablet' },
  'losartan potassium': { ingredients: ['Losartan'], form: 'tablet' },
  oxygen: { ingredients: ['Oxygen'], form: 'inhalation gas' },
  captopril: { ingredients: ['Captopril'], form: 'tablet' },
  inlyta: {
    ingredients: ['Axitinib'],
    brand: 'Inlyta',
    form: 'tablet',
    strengths: series(['0069-0145', '0069-0151'], ['1 mg', '5 mg']),
  },
  levitra: { ingredients: ['Vardenafil'], brand: 'Levitra', form: 'tablet' },
  'dmt suik': { ingredients: [], brand: 'DMT SUIK', form: 'kit', route: 'intramuscular' },
  'ssd cream': {
    ingredients: ['Sulfadiazine silver'],
    brand: 'SSD',
    form: 'cream',
    strengths: { '55700-640': '1%' },
  },
  tasigna: {
    ingredients: ['Nilotinib'],
    brand: 'Tasigna',
    form: 'capsule',
    strengths: series(['0078-0526', '0078-0592', '0078-0951'], ['150 mg', '200 mg', '50 mg']),
  },
  nifedipine: { ingredients: ['Nifedipine'], form: 'modified-release tablet' },
  colchicine: { ingredients: ['Colchicine'], form: 'capsule', strengths: { '0143-3018': '0.6 mg' } },
  'dicyclomine hydrochloride': {
    ingredients: ['Dicycloverine'],
    form: 'capsule',
    strengths: { '51407-365': '10 mg' },
  },
  lamotrigine: { ingredients: ['Lamotrigine'], form: 'tablet' },
  zetonna: {
    ingredients: ['Ciclesonide'],
    brand: 'Zetonna',
    form: 'nasal spray',
    strengths: { '70515-737': '37 micrograms/dose' },
  },
  dexamethasone: { ingredients: ['Dexamethasone'], form: 'tablet' },
  acthrel: {
    ingredients: ['Corticorelin'],
    brand: 'Acthrel',
    form: 'powder for solution for injection',
    route: 'intravenous',
    strengths: { '55566-0302': '100 micrograms' },
  },
  mirtazapine: {
    ingredients: ['Mirtazapine'],
    form: 'tablet',
    strengths: series(['0378-3515', '0378-3530', '0378-3545'], ['15 mg', '30 mg', '45 mg']),
  },
  'clobetasol propionate oint 0.05%': {
    ingredients: ['Clobetasol'],
    form: 'ointment',
    strengths: { '70512-020': '0.05%' },
  },
  cholestyramine: {
    ingredients: ['Colestyramine'],
    form: 'oral powder',
    unit: 'g',
    packSize: 378,
    strengths: { '62559-620': '4 g/9 g' },
  },
  nisoldipine: { ingredients: ['Nisoldipine'], form: 'modified-release tablet' },
  sancuso: {
    ingredients: ['Granisetron'],
    brand: 'Sancuso',
    form: 'transdermal patch',
    strengths: { '42747-726': '3.1 mg/24 hours' },
  },
  levofloxacin: { ingredients: ['Levofloxacin'], form: 'tablet' },
  'buspirone hydrochloride': { ingredients: ['Buspirone'], form: 'tablet' },
  deferasirox: {
    ingredients: ['Deferasirox'],
    form: 'tablet',
    strengths: series(['69238-1486', '69238-1487', '69238-1488'], ['90 mg', '180 mg', '360 mg']),
  },
};
