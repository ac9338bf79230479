import { describe, expect, it } from 'vitest';
import { readDemoCatalog } from '../../demo/load-demo.js';
import { buildDrugIndex, matchDrug, readStrength, repairNumbers } from './match-drug.js';

const index = buildDrugIndex(readDemoCatalog().products.map((p) => ({ id: p.sku, name: p.name, brand: p.brand, ingredients: p.ingredients, strength: p.strength, form: p.form })));

describe('repairNumbers', () => {
  it('turns O, l, I, S and B into digits only inside tokens that hold a digit', () => {
    expect(repairNumbers('Amoxicilin 5OO mg')).toBe('Amoxicilin 500 mg');
    expect(repairNumbers('NPI 1O3l5S678B')).toBe('NPI 1031556788');
    expect(repairNumbers('Oral Solution')).toBe('Oral Solution');
  });

  it('reads a decimal comma as a point', () => {
    expect(repairNumbers('2,5 mg')).toBe('2.5 mg');
  });
});

describe('readStrength', () => {
  it('reads plain, joined and per-volume strengths with catalog units', () => {
    expect(readStrength('500mg')?.strength).toBe('500 mg');
    expect(readStrength('250 mg / 5 ml')?.strength).toBe('250 mg/5 mL');
    expect(readStrength('100 mcg')?.strength).toBe('100 micrograms');
  });
});

describe('matchDrug', () => {
  it('matches a misspelt generic with an OCR-damaged strength to the catalog product', () => {
    const m = matchDrug('Amoxicilin 5OO mg capsules', index);
    expect(m.ingredient).toBe('Amoxicillin');
    expect(m.strength).toBe('500 mg');
    expect(m.form).toBe('capsule');
    expect(m.productId).toBe('DMD-27658006-500MG-CAP-21');
    expect(m.confidence).toBeGreaterThan(0.8);
  });

  it('maps a brand to its generic ingredient and prefers the branded product', () => {
    const m = matchDrug('Tasigna 150 mg capsules', index);
    expect(m.ingredient).toBe('Nilotinib');
    expect(m.candidates[0]?.via).toBe('brand');
    expect(m.productId).toBe('NDC-0078-0526-51');
  });

  it('maps a synonym the catalog does not hold through the clinical names (acetaminophen → paracetamol)', () => {
    const m = matchDrug('Acetaminophen 500 mg tablets', index);
    expect(m.ingredient).toBe('Paracetamol');
    expect(m.candidates[0]?.via).toBe('synonym');
    expect(m.productId).not.toBeNull();
  });

  it('never picks a drug for a name far from everything: unmatched, with a warning', () => {
    const m = matchDrug('Zqxbrtolamine 20 mg tablets', index);
    expect(m.ingredient).toBeNull();
    expect(m.productId).toBeNull();
    expect(m.confidence).toBe(0);
    expect(m.warnings.map((w) => w.code)).toContain('intake.drugUnknown');
  });

  it('says when the strength asked for is not stocked, keeping the ingredient', () => {
    const m = matchDrug('Amoxicillin 875 mg tablets', index);
    expect(m.ingredient).toBe('Amoxicillin');
    expect(m.productId).toBeNull();
    expect(m.warnings.map((w) => w.code)).toContain('intake.productNotInCatalog');
  });

  it('ignores an item number before the name', () => {
    expect(matchDrug('2. Sertraline 50 mg tablets', index).ingredient).toBe('Sertraline');
  });
});
