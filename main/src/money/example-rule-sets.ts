// Example tax rule sets, one per kind of tax a pharmacy chain meets, as data (DESIGN.md "Exact money":
// tax rules are data, not code paths). They are modelled on real rules but simplified; a chain loads the
// rule set its tax adviser signs off, never these as they stand.
//
// Every set defines the catalog's tax categories (standard, reduced, zero, exempt) plus `prescription`,
// which the checkout uses for a line dispensed against a prescription. Whether that is zero-rated, exempt
// or fully taxed is each jurisdiction's rule, written here and nowhere in code.
import type { TaxComponent, TaxRuleSet } from './contract.js';

const vat = (ratePercent: string): TaxComponent => ({ code: 'VAT', name: 'VAT', ratePercent });

/** UK-like VAT: prices include VAT, rounded per line to the nearest penny (HMRC allows line-level rounding). */
export const ukLikeVatRules: TaxRuleSet = {
  id: 'gb-vat-2011',
  name: 'United Kingdom VAT (example)',
  jurisdiction: 'GB',
  currency: 'GBP',
  validFrom: '2011-01-04',
  pricing: 'inclusive',
  rounding: { mode: 'half-up', level: 'line' },
  categories: {
    standard: { treatment: 'standard', components: [vat('20')] },
    reduced: {
      treatment: 'reduced',
      components: [vat('5')],
      note: 'For instance nicotine-replacement products.',
    },
    zero: {
      treatment: 'zero-rated',
      components: [vat('0')],
      note: 'For instance food and sanitary products.',
    },
    exempt: { treatment: 'exempt', components: [], note: 'For instance health services by a pharmacist.' },
    prescription: {
      treatment: 'zero-rated',
      components: [vat('0')],
      note: 'Medicines dispensed by a pharmacist against a prescription are zero-rated.',
    },
  },
};

/** German-like VAT (Umsatzsteuer): prices include VAT, which is worked out once per rate on the receipt. */
export const germanLikeVatRules: TaxRuleSet = {
  id: 'de-ust-2021',
  name: 'Germany USt (example)',
  jurisdiction: 'DE',
  currency: 'EUR',
  validFrom: '2021-01-01',
  pricing: 'inclusive',
  rounding: { mode: 'half-up', level: 'invoice' },
  categories: {
    standard: { treatment: 'standard', components: [{ code: 'MWST', name: 'MwSt.', ratePercent: '19' }] },
    reduced: { treatment: 'reduced', components: [{ code: 'MWST', name: 'MwSt.', ratePercent: '7' }] },
    zero: { treatment: 'zero-rated', components: [{ code: 'MWST', name: 'MwSt.', ratePercent: '0' }] },
    exempt: { treatment: 'exempt', components: [], note: 'Heilbehandlungen (§ 4 Nr. 14 UStG).' },
    prescription: {
      treatment: 'standard',
      components: [{ code: 'MWST', name: 'MwSt.', ratePercent: '19' }],
      note: 'Medicines carry the standard rate, prescribed or not.',
    },
  },
};

const state = (ratePercent: string): TaxComponent => ({
  code: 'STATE',
  name: 'State sales tax',
  ratePercent,
});
const local = (ratePercent: string): TaxComponent => ({
  code: 'LOCAL',
  name: 'Local sales tax',
  ratePercent,
});

/**
 * US state-like sales tax: shelf prices exclude tax, a state rate plus a local rate are added and rounded
 * on the invoice total, half-up. Sales tax knows no zero-rating: what is not taxed is exempt.
 */
export const usStateLikeSalesTaxRules: TaxRuleSet = {
  id: 'us-xx-sales-tax',
  name: 'US state sales tax (example)',
  jurisdiction: 'US',
  currency: 'USD',
  pricing: 'exclusive',
  rounding: { mode: 'half-up', level: 'invoice' },
  categories: {
    standard: { treatment: 'standard', components: [state('6.25'), local('2')] },
    reduced: {
      treatment: 'reduced',
      components: [state('1'), local('2')],
      note: 'Some states tax groceries and over-the-counter drugs at a low state rate.',
    },
    zero: { treatment: 'exempt', components: [] },
    exempt: { treatment: 'exempt', components: [] },
    prescription: {
      treatment: 'exempt',
      components: [],
      note: 'Prescription drugs are exempt from sales tax in nearly every state.',
    },
  },
};

/** Swiss VAT (MWST) from 2024: prices include VAT, rounded per rate on the receipt; CHF cash to 0.05. */
export const swissVatRules: TaxRuleSet = {
  id: 'ch-mwst-2024',
  name: 'Switzerland MWST',
  jurisdiction: 'CH',
  currency: 'CHF',
  validFrom: '2024-01-01',
  pricing: 'inclusive',
  rounding: { mode: 'half-up', level: 'invoice' },
  categories: {
    standard: { treatment: 'standard', components: [{ code: 'MWST', name: 'MWST', ratePercent: '8.1' }] },
    reduced: {
      treatment: 'reduced',
      components: [{ code: 'MWST', name: 'MWST', ratePercent: '2.6' }],
      note: 'Food and medicines.',
    },
    zero: { treatment: 'zero-rated', components: [{ code: 'MWST', name: 'MWST', ratePercent: '0' }] },
    exempt: { treatment: 'exempt', components: [], note: 'Medical treatment (Art. 21 MWSTG).' },
    prescription: {
      treatment: 'reduced',
      components: [{ code: 'MWST', name: 'MWST', ratePercent: '2.6' }],
      note: 'Medicines carry the reduced rate.',
    },
  },
};

const gst = (ratePercent: string): TaxComponent => ({ code: 'GST', name: 'GST', ratePercent });
const qst = (ratePercent: string): TaxComponent => ({
  code: 'QST',
  name: 'QST',
  ratePercent,
  compound: true,
});

/**
 * Canadian-like compound tax, after Quebec in 2012: prices exclude tax, GST 5% on the price, and QST 9.5%
 * on the price plus the GST (a compound component). Rounded on the invoice, half-up.
 */
export const canadianLikeCompoundRules: TaxRuleSet = {
  id: 'ca-qc-2012',
  name: 'Quebec GST + QST 2012 (example)',
  jurisdiction: 'CA-QC',
  currency: 'CAD',
  validFrom: '2012-01-01',
  pricing: 'exclusive',
  rounding: { mode: 'half-up', level: 'invoice' },
  categories: {
    standard: { treatment: 'standard', components: [gst('5'), qst('9.5')] },
    reduced: {
      treatment: 'reduced',
      components: [gst('5'), qst('0')],
      note: 'GST-taxable but QST-zero-rated, as printed books were.',
    },
    zero: { treatment: 'zero-rated', components: [gst('0'), qst('0')], note: 'Basic groceries.' },
    exempt: { treatment: 'exempt', components: [], note: 'Health care services.' },
    prescription: {
      treatment: 'zero-rated',
      components: [gst('0'), qst('0')],
      note: 'Prescription drugs are zero-rated for both taxes.',
    },
  },
};

export const exampleTaxRuleSets: readonly TaxRuleSet[] = [
  ukLikeVatRules,
  germanLikeVatRules,
  usStateLikeSalesTaxRules,
  swissVatRules,
  canadianLikeCompoundRules,
];
