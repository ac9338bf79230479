// A complete receipt for tests, the printer set-up screen's test page and the UI's preview stories: every part of
// the model is present (medicine batch and expiry, discounts, two tax rates, four kinds of tender, cash rounding).
import type { ReceiptModel } from './receipt-model.js';

const eur = (minor: number): { minor: number; formatted: string } => {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  // Formatted as the checkout would for fr-FR, with the no-break space Intl puts before the euro sign.
  return { minor, formatted: `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}\u00A0€` };
};

export function sampleReceipt(overrides: Partial<ReceiptModel> = {}): ReceiptModel {
  return {
    version: 1,
    paperWidthMm: 80,
    currency: 'EUR',
    store: {
      name: 'Pharmacie du Marché',
      addressLines: ['12 rue de la République', '69002 Lyon'],
      taxId: 'FR 12 345678901',
      phone: '+33 4 78 00 00 00',
    },
    receiptNumber: '0104-000123',
    terminal: 'T2',
    cashier: 'Camille',
    issuedAt: { iso: '2025-03-14T09:32:00Z', locale: 'fr-FR', timeZone: 'Europe/Paris' },
    lines: [
      {
        description: 'Paracétamol 500 mg comprimés, boîte de 16',
        quantity: 2,
        unit: 'bte',
        unitPrice: eur(210),
        lineTotal: eur(420),
        taxCode: 'B',
        medicine: { batch: 'L2301A', expiry: '2026-04' },
      },
      {
        description: 'Crème hydratante peaux sensibles 50 mL',
        quantity: 1,
        unit: '',
        unitPrice: eur(1290),
        lineTotal: eur(1161),
        discount: { label: 'Remise 10 %', amount: eur(-129) },
        taxCode: 'A',
      },
    ],
    basketDiscount: { label: 'Carte fidélité', amount: eur(-100) },
    taxes: [
      { code: 'A', label: 'TVA 20 %', taxable: eur(884), tax: eur(177) },
      { code: 'B', label: 'TVA 2,1 %', taxable: eur(411), tax: eur(9) },
    ],
    totals: { subtotal: eur(1581), taxTotal: eur(186), total: eur(1481) },
    cashRounding: { amount: eur(-1), totalDue: eur(1480) },
    tenders: [
      { kind: 'card', amount: eur(500), brand: 'Visa', maskedPan: '**** 4242', approvalRef: 'A1B2C3' },
      { kind: 'storeCredit', amount: eur(200), reference: 'AV-0042' },
      { kind: 'foreignCash', currency: 'CHF', foreignAmount: { minor: 500, formatted: 'CHF 5.00' }, rate: '1 CHF = 1.04 EUR', amount: eur(520) },
      { kind: 'cash', amount: eur(500) },
    ],
    change: eur(240),
    barcode: { symbology: 'CODE128', data: '0104000123' },
    footerLines: ['Merci de votre visite !', 'Échange sous 14 jours avec ce ticket'],
    ...overrides,
  };
}
