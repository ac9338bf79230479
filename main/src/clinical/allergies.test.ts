import { describe, expect, it } from 'vitest';
import type { SafetyAlert } from './contract.js';
import { checkAllergies } from './checker.js';

const summary = (alerts: SafetyAlert[]): Record<string, [string, string]> =>
  Object.fromEntries(alerts.map((a) => [a.ingredients.join('+'), [a.severity, a.ruleId]]));

describe('checkAllergies: penicillins and cephalosporins', () => {
  it('treats every penicillin as contraindicated after a penicillin allergy', () => {
    const found = summary(checkAllergies(['amoxicillin', 'flucloxacillin', 'piperacillin/tazobactam'], ['penicillin']));
    expect(found.amoxicillin).toEqual(['contraindicated', 'allergy-group-penicillin']);
    expect(found.flucloxacillin?.[0]).toBe('contraindicated');
    expect(found.piperacillin?.[0]).toBe('contraindicated');
  });

  it('grades cephalosporins by side chain: low risk in general, higher with the aminobenzyl side chain', () => {
    const generic = summary(checkAllergies(['ceftriaxone', 'cefalexin'], ['penicillin']));
    expect(generic.ceftriaxone).toEqual(['minor', 'allergy-penicillin-cephalosporin']);
    expect(generic.cefalexin).toEqual(['moderate', 'allergy-penicillin-aminobenzyl-cephalosporin']);
    const amoxicillin = summary(checkAllergies(['cefalexin', 'cefuroxime'], ['amoxicillin']));
    expect(amoxicillin.cefalexin).toEqual(['major', 'allergy-cross-r1-aminobenzyl']);
    expect(amoxicillin.cefuroxime?.[0]).toBe('minor');
  });

  it('flags carbapenems as low risk and leaves aztreonam alone after a penicillin allergy', () => {
    const found = summary(checkAllergies(['meropenem', 'aztreonam'], ['penicillins']));
    expect(found.meropenem).toEqual(['minor', 'allergy-beta-lactam-carbapenem']);
    expect(found.aztreonam).toBeUndefined();
  });

  it('knows that ceftazidime and aztreonam share a side chain', () => {
    expect(summary(checkAllergies(['aztreonam'], ['ceftazidime'])).aztreonam).toEqual(['major', 'allergy-cross-r1-ceftazidime-aztreonam']);
  });
});

describe('checkAllergies: other cross-sensitivity groups', () => {
  it('separates sulfonamide antibiotics from non-antibiotic sulfonamides', () => {
    const found = summary(checkAllergies(['co-trimoxazole', 'sulfasalazine', 'furosemide', 'gliclazide', 'celecoxib'], ['sulfa drugs']));
    expect(found.sulfamethoxazole?.[0]).toBe('contraindicated');
    expect(found.sulfasalazine?.[0]).toBe('contraindicated');
    expect(found.trimethoprim).toBeUndefined();
    for (const drug of ['furosemide', 'gliclazide', 'celecoxib']) expect(found[drug]).toEqual(['minor', 'allergy-sulfonamide-nonantibiotic']);
  });

  it('treats aspirin and non-selective NSAIDs as cross-reactive, coxibs and paracetamol as low risk', () => {
    const found = summary(checkAllergies(['naproxen', 'aspirin', 'celecoxib', 'paracetamol'], ['ibuprofen']));
    expect(found.naproxen).toEqual(['major', 'allergy-cross-cox1-inhibitor']);
    expect(found['acetylsalicylic acid']?.[0]).toBe('major');
    expect(found.celecoxib).toEqual(['minor', 'allergy-nsaid-coxib']);
    expect(found.paracetamol).toEqual(['minor', 'allergy-nsaid-paracetamol']);
    expect(summary(checkAllergies(['diclofenac'], ['NSAIDs'])).diclofenac?.[0]).toBe('contraindicated');
  });

  it('groups opioids by chemical class', () => {
    const found = summary(checkAllergies(['morphine', 'hydromorphone', 'fentanyl', 'methadone'], ['codeine']));
    expect(found.morphine).toEqual(['major', 'allergy-cross-opioid-phenanthrene']);
    expect(found.hydromorphone?.[0]).toBe('major');
    expect(found.fentanyl).toEqual(['minor', 'allergy-cross-opioid']);
    expect(found.methadone?.[0]).toBe('minor');
    expect(summary(checkAllergies(['fentanyl'], ['opioids'])).fentanyl?.[0]).toBe('major');
  });

  it('covers aromatic anticonvulsants, heparin-induced thrombocytopenia and ACE-inhibitor angioedema', () => {
    expect(summary(checkAllergies(['oxcarbazepine', 'levetiracetam'], ['carbamazepine']))).toEqual({
      oxcarbazepine: ['major', 'allergy-cross-aromatic-anticonvulsant'],
    });
    expect(summary(checkAllergies(['enoxaparin', 'fondaparinux'], ['heparin-induced thrombocytopenia']))).toEqual({
      enoxaparin: ['contraindicated', 'allergy-group-heparin'],
    });
    const ace = summary(checkAllergies(['perindopril', 'losartan', 'sacubitril/valsartan'], ['ramipril']));
    expect(ace.perindopril?.[0]).toBe('contraindicated');
    expect(ace.losartan).toEqual(['moderate', 'allergy-ace-inhibitor-arb']);
    expect(ace.sacubitril?.[0]).toBe('contraindicated');
  });

  it('flags a direct allergy to the same ingredient, including through a combination product and a synonym', () => {
    expect(summary(checkAllergies(['co-codamol'], ['acetaminophen'])).paracetamol).toEqual(['contraindicated', 'allergy-same-ingredient']);
  });

  it('reads free-text allergy records', () => {
    expect(checkAllergies(['amoxicillin'], ['Allergic to penicillins'])[0]?.severity).toBe('contraindicated');
    expect(checkAllergies(['amoxicillin'], ['PCN'])[0]?.severity).toBe('contraindicated');
    expect(checkAllergies(['sulfamethoxazole'], ['Sulphonamide antibiotics'])[0]?.severity).toBe('contraindicated');
  });

  it('raises nothing for unrelated drugs and marks only major and worse for override', () => {
    expect(checkAllergies(['paracetamol', 'metformin', 'clarithromycin'], ['penicillin'])).toEqual([]);
    for (const alert of checkAllergies(['amoxicillin', 'ceftriaxone', 'meropenem'], ['penicillin'])) {
      expect(alert.requiresOverride).toBe(alert.severity === 'major' || alert.severity === 'contraindicated');
    }
  });
});
