import { describe, expect, it } from 'vitest';
import type { Severity } from './contract.js';
import { checkInteractions } from './checker.js';

/** [a, b, worst severity expected, rule id expected among the findings] */
const mustNeverMiss: ReadonlyArray<readonly [string, string, Severity, string]> = [
  // serotonergic drugs with MAO inhibitors
  ['sertraline', 'phenelzine', 'contraindicated', 'maoi-serotonergic'],
  ['fluoxetine', 'tranylcypromine', 'contraindicated', 'maoi-serotonergic'],
  ['venlafaxine', 'moclobemide', 'contraindicated', 'maoi-serotonergic'],
  ['duloxetine', 'linezolid', 'contraindicated', 'maoi-serotonergic'],
  ['tramadol', 'linezolid', 'contraindicated', 'maoi-serotonergic'],
  ['sumatriptan', 'phenelzine', 'contraindicated', 'maoi-serotonergic'],
  ["St John's wort", 'phenelzine', 'contraindicated', 'maoi-serotonergic'],
  ['citalopram', 'methylene blue', 'contraindicated', 'maoi-serotonergic'],
  ['clomipramine', 'isocarboxazid', 'contraindicated', 'maoi-serotonergic'],
  ['dextromethorphan', 'phenelzine', 'contraindicated', 'maoi-serotonergic'],
  ['pethidine', 'selegiline', 'contraindicated', 'mao-b-opioid-serotonergic'],
  ['sertraline', 'rasagiline', 'major', 'mao-b-serotonergic'],
  ['pseudoephedrine', 'phenelzine', 'contraindicated', 'maoi-sympathomimetic'],
  ['linezolid', 'phenelzine', 'contraindicated', 'maoi-maoi'],
  ['sertraline', 'tramadol', 'moderate', 'serotonergic-combination'],
  ['sumatriptan', 'sertraline', 'minor', 'triptan-ssri-snri'],
  // QT prolongation
  ['haloperidol', 'methadone', 'major', 'qt-high-combination'],
  ['azithromycin', 'hydroxychloroquine', 'major', 'qt-high-combination'],
  ['amiodarone', 'levofloxacin', 'major', 'qt-high-combination'],
  ['sotalol', 'erythromycin', 'major', 'qt-high-combination'],
  ['clarithromycin', 'moxifloxacin', 'major', 'qt-high-combination'],
  ['ondansetron', 'haloperidol', 'moderate', 'qt-high-possible'],
  ['quetiapine', 'ondansetron', 'minor', 'qt-possible-combination'],
  ['citalopram', 'clarithromycin', 'contraindicated', 'citalopram-domperidone-qt'],
  ['escitalopram', 'methadone', 'contraindicated', 'citalopram-domperidone-qt'],
  ['domperidone', 'erythromycin', 'contraindicated', 'citalopram-domperidone-qt'],
  ['pimozide', 'clarithromycin', 'contraindicated', 'qt-contraindicated-agents'],
  ['sotalol', 'furosemide', 'moderate', 'qt-hypokalaemia-diuretic'],
  // CYP3A4 inhibitors and inducers with sensitive substrates
  ['clarithromycin', 'simvastatin', 'contraindicated', 'simvastatin-lovastatin-strong-cyp3a4'],
  ['itraconazole', 'lovastatin', 'contraindicated', 'simvastatin-lovastatin-strong-cyp3a4'],
  ['ritonavir', 'simvastatin', 'contraindicated', 'simvastatin-lovastatin-strong-cyp3a4'],
  ['ketoconazole', 'midazolam', 'contraindicated', 'strong-cyp3a4-contraindicated-substrate'],
  ['clarithromycin', 'tacrolimus', 'major', 'cyp3a4-strong-inhibitor-substrate'],
  ['itraconazole', 'ciclosporin', 'major', 'cyp3a4-strong-inhibitor-substrate'],
  ['ritonavir', 'fluticasone', 'major', 'cyp3a4-strong-inhibitor-substrate'],
  ['clarithromycin', 'colchicine', 'major', 'colchicine-strong-cyp3a4-pgp'],
  ['rifampicin', 'tacrolimus', 'major', 'cyp3a4-strong-inducer-substrate'],
  ['carbamazepine', 'ciclosporin', 'major', 'cyp3a4-strong-inducer-substrate'],
  ['phenytoin', 'midazolam', 'major', 'cyp3a4-strong-inducer-substrate'],
  ["St John's wort", 'ciclosporin', 'major', 'cyp3a4-strong-inducer-substrate'],
  ['rifampicin', 'simvastatin', 'major', 'cyp3a4-strong-inducer-substrate'],
  ['diltiazem', 'simvastatin', 'moderate', 'simvastatin-dose-cap'],
  ['amlodipine', 'simvastatin', 'moderate', 'simvastatin-dose-cap'],
  ['rifampicin', 'ethinylestradiol', 'major', 'contraceptive-enzyme-inducer'],
  ['rifampicin', 'apixaban', 'major', 'doac-inducer'],
  // warfarin
  ['warfarin', 'ibuprofen', 'major', 'anticoagulant-nsaid'],
  ['warfarin', 'naproxen', 'major', 'anticoagulant-nsaid'],
  ['warfarin', 'celecoxib', 'major', 'anticoagulant-nsaid'],
  ['warfarin', 'aspirin', 'major', 'anticoagulant-antiplatelet'],
  ['warfarin', 'clopidogrel', 'major', 'anticoagulant-antiplatelet'],
  ['warfarin', 'fluconazole', 'major', 'vka-azole'],
  ['warfarin', 'miconazole', 'major', 'vka-azole'],
  ['warfarin', 'clarithromycin', 'major', 'vka-macrolide'],
  ['warfarin', 'erythromycin', 'major', 'vka-macrolide'],
  ['warfarin', 'amiodarone', 'major', 'vka-amiodarone'],
  ['warfarin', 'metronidazole', 'major', 'vka-nitroimidazole'],
  ['warfarin', 'co-trimoxazole', 'major', 'vka-sulfamethoxazole'],
  ['warfarin', 'rifampicin', 'major', 'vka-inducer'],
  // methotrexate
  ['methotrexate', 'trimethoprim', 'contraindicated', 'methotrexate-trimethoprim'],
  ['methotrexate', 'co-trimoxazole', 'contraindicated', 'methotrexate-trimethoprim'],
  ['methotrexate', 'ibuprofen', 'major', 'methotrexate-nsaid'],
  ['methotrexate', 'naproxen', 'major', 'methotrexate-nsaid'],
  ['methotrexate', 'omeprazole', 'moderate', 'methotrexate-ppi'],
  // potassium
  ['spironolactone', 'ramipril', 'major', 'raas-potassium-sparing'],
  ['amiloride', 'lisinopril', 'major', 'raas-potassium-sparing'],
  ['eplerenone', 'losartan', 'major', 'raas-potassium-sparing'],
  ['potassium chloride', 'ramipril', 'moderate', 'raas-potassium-supplement'],
  ['potassium chloride', 'candesartan', 'moderate', 'raas-potassium-supplement'],
  ['potassium chloride', 'spironolactone', 'contraindicated', 'potassium-sparing-potassium'],
  ['trimethoprim', 'spironolactone', 'major', 'trimethoprim-potassium-sparing'],
  // nitrates with PDE5 inhibitors and riociguat
  ['sildenafil', 'isosorbide mononitrate', 'contraindicated', 'nitrate-pde5-inhibitor'],
  ['tadalafil', 'glyceryl trinitrate', 'contraindicated', 'nitrate-pde5-inhibitor'],
  ['vardenafil', 'nicorandil', 'contraindicated', 'nitrate-pde5-inhibitor'],
  ['riociguat', 'sildenafil', 'contraindicated', 'riociguat-pde5-nitrate'],
  ['riociguat', 'isosorbide dinitrate', 'contraindicated', 'riociguat-pde5-nitrate'],
  // lithium
  ['lithium', 'ibuprofen', 'major', 'lithium-nsaid'],
  ['lithium', 'ramipril', 'major', 'lithium-raas'],
  ['lithium', 'losartan', 'major', 'lithium-raas'],
  ['lithium', 'bendroflumethiazide', 'major', 'lithium-thiazide'],
  ['lithium', 'hydrochlorothiazide', 'major', 'lithium-thiazide'],
  // clopidogrel, thiopurines and others
  ['clopidogrel', 'omeprazole', 'moderate', 'clopidogrel-omeprazole'],
  ['clopidogrel', 'esomeprazole', 'moderate', 'clopidogrel-omeprazole'],
  ['allopurinol', 'azathioprine', 'major', 'thiopurine-allopurinol'],
  ['allopurinol', 'mercaptopurine', 'major', 'thiopurine-allopurinol'],
  ['febuxostat', 'azathioprine', 'contraindicated', 'thiopurine-febuxostat'],
  ['morphine', 'diazepam', 'major', 'opioid-gaba-sedative'],
  ['oxycodone', 'pregabalin', 'major', 'opioid-gabapentinoid'],
  ['ramipril', 'sacubitril/valsartan', 'contraindicated', 'sacubitril-ace-inhibitor'],
  ['ramipril', 'losartan', 'major', 'dual-raas-blockade'],
  ['digoxin', 'amiodarone', 'major', 'digoxin-pgp-inhibitor'],
  ['tizanidine', 'ciprofloxacin', 'contraindicated', 'tizanidine-cyp1a2-inhibitor'],
  ['ciprofloxacin', 'calcium carbonate', 'moderate', 'chelation-antibiotic-cation'],
  ['doxycycline', 'isotretinoin', 'contraindicated', 'tetracycline-retinoid'],
  ['simvastatin', 'fusidic acid', 'contraindicated', 'statin-fusidic-acid'],
  ['ivabradine', 'verapamil', 'contraindicated', 'ivabradine-rate-limiting-ccb'],
  ['amiodarone', 'sofosbuvir', 'major', 'amiodarone-sofosbuvir'],
];

const safePairs: ReadonlyArray<readonly [string, string]> = [
  ['paracetamol', 'amoxicillin'],
  ['paracetamol', 'ibuprofen'],
  ['amlodipine', 'atorvastatin'],
  ['metformin', 'atorvastatin'],
  ['ramipril', 'amlodipine'],
  ['salbutamol', 'beclometasone'],
  ['cetirizine', 'paracetamol'],
  ['clopidogrel', 'pantoprazole'],
  ['aspirin', 'atorvastatin'],
  ['lisinopril', 'metformin'],
  ['bisoprolol', 'atorvastatin'],
  ['sertraline', 'paracetamol'],
  ['amoxicillin', 'omeprazole'],
  ['metformin', 'gliclazide'],
  ['levothyroxine', 'amlodipine'],
  ['azithromycin', 'paracetamol'],
  ['bisoprolol', 'salbutamol'],
];

describe('checkInteractions: pairs a pharmacist must never miss', () => {
  it.each(mustNeverMiss)('%s + %s is flagged %s (%s)', (a, b, severity, ruleId) => {
    const found = checkInteractions([a, b]);
    expect(found.map((i) => i.ruleId)).toContain(ruleId);
    expect(found[0]?.severity).toBe(severity);
    expect(found.find((i) => i.ruleId === ruleId)?.severity).toBe(severity);
  });

  it('covers at least 90 must-never-miss pairs', () => {
    expect(mustNeverMiss.length).toBeGreaterThanOrEqual(90);
  });
});

describe('checkInteractions: symmetry, synonyms and class expansion', () => {
  it.each(mustNeverMiss)('finds the same for %s + %s in either order', (a, b) => {
    expect(checkInteractions([b, a])).toEqual(checkInteractions([a, b]));
  });

  it('recognises synonyms and US names', () => {
    expect(checkInteractions(['acetaminophen', 'warfarin'])).toEqual(checkInteractions(['paracetamol', 'warfarin']));
    expect(checkInteractions(['rifampin', 'cyclosporine'])[0]?.ruleId).toBe('cyp3a4-strong-inducer-substrate');
    expect(checkInteractions(['meperidine', 'phenelzine'])[0]?.drugs).toEqual(['phenelzine', 'pethidine']);
    expect(checkInteractions(['nitroglycerin', 'sildenafil'])[0]?.severity).toBe('contraindicated');
    expect(checkInteractions(['glyburide', 'fluconazole'])[0]?.ruleId).toBe('sulfonylurea-azole-macrolide');
  });

  it('matches names regardless of case, accents, spacing and salt', () => {
    const reference = checkInteractions(['sertraline', 'linezolid']);
    expect(checkInteractions(['SERTRALINE HYDROCHLORIDE', ' Linezolid '])).toEqual(reference);
    expect(checkInteractions(['Sertraline HCl', 'linezolid'])).toEqual(reference);
    expect(checkInteractions(['st johns wort', 'phenelzine'])).toEqual(checkInteractions(["St. John's Wort", 'phenelzine']));
    expect(checkInteractions(['losartan potassium', 'lithium carbonate'])[0]?.ruleId).toBe('lithium-raas');
  });

  it('expands class rules to every member of the class', () => {
    for (const nsaid of ['ibuprofen', 'diclofenac', 'ketorolac', 'etoricoxib', 'indometacin', 'meloxicam']) {
      expect(checkInteractions(['apixaban', nsaid]).map((i) => i.ruleId)).toContain('anticoagulant-nsaid');
    }
    for (const inhibitor of ['clarithromycin', 'itraconazole', 'ketoconazole', 'posaconazole', 'voriconazole', 'ritonavir', 'cobicistat']) {
      expect(checkInteractions([inhibitor, 'simvastatin'])[0]?.severity).toBe('contraindicated');
    }
  });

  it('expands combination products into their ingredients', () => {
    const found = checkInteractions(['co-amoxiclav', 'methotrexate']);
    expect(found.map((i) => [i.drugs, i.ruleId])).toEqual([[['methotrexate', 'amoxicillin'], 'methotrexate-penicillin']]);
  });

  it('does not report pairs inside one combination product', () => {
    expect(checkInteractions(['lopinavir/ritonavir'])).toEqual([]);
    expect(checkInteractions(['co-trimoxazole'])).toEqual([]);
  });

  it('lets a specific rule replace the general rule it supersedes', () => {
    const ids = checkInteractions(['clarithromycin', 'simvastatin']).map((i) => i.ruleId);
    expect(ids).toEqual(['simvastatin-lovastatin-strong-cyp3a4']);
  });

  it('reports separate mechanisms for one pair as separate findings', () => {
    const ids = checkInteractions(['pimozide', 'clarithromycin']).map((i) => i.ruleId).sort();
    expect(ids).toEqual(['qt-contraindicated-agents', 'strong-cyp3a4-contraindicated-substrate']);
  });

  it('orders the pair with the rule side first (warfarin + ibuprofen)', () => {
    expect(checkInteractions(['ibuprofen', 'warfarin'])[0]?.drugs).toEqual(['warfarin', 'ibuprofen']);
  });
});

describe('checkInteractions: no false alarms', () => {
  it.each(safePairs)('%s + %s has no interaction', (a, b) => {
    expect(checkInteractions([a, b])).toEqual([]);
  });

  it('ignores unknown names, empty strings and the same drug twice', () => {
    expect(checkInteractions(['not-a-drug', 'warfarin'])).toEqual([]);
    expect(checkInteractions(['', '  ', 'warfarin'])).toEqual([]);
    expect(checkInteractions(['warfarin', 'Warfarin'])).toEqual([]);
  });
});

describe('checkInteractions: output', () => {
  it('is JSON-serialisable and carries references, mechanism and advice', () => {
    const found = checkInteractions(['warfarin', 'ibuprofen', 'clarithromycin', 'simvastatin']);
    expect(JSON.parse(JSON.stringify(found))).toEqual(found);
    for (const i of found) {
      expect(i.references.length).toBeGreaterThan(0);
      expect(i.mechanism.length).toBeGreaterThan(0);
      expect(i.management.length).toBeGreaterThan(0);
    }
  });

  it('ranks the worst first', () => {
    const found = checkInteractions(['warfarin', 'ibuprofen', 'clarithromycin', 'simvastatin', 'sertraline', 'tramadol']);
    const ranks = found.map((i) => ['minor', 'moderate', 'major', 'contraindicated'].indexOf(i.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(found[0]?.severity).toBe('contraindicated');
  });
});
