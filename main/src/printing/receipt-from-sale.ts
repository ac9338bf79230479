// A receipt is built from the sale as the core committed it (read-sale), never from what the screen showed:
// the paper then says exactly what the store holds, and a copy printed later says the same.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { defaultReceiptLabels, type PaperWidthMm, type ReceiptLabels, type ReceiptLine, type ReceiptModel, type ReceiptTender } from '@mortar/native';
import type { Sale } from '../contract.js';
import { formatMinor } from '../money/index.js';
import { readSettings } from '../settings/settings-store.js';

export type ReceiptContext = {
  locale: string;
  timeZone: string;
  paperWidthMm: PaperWidthMm;
};

const germanLabels: ReceiptLabels = {
  receipt: 'Beleg',
  terminal: 'Kasse',
  cashier: 'Kassierer',
  taxId: 'USt-IdNr.',
  phone: 'Tel',
  batch: 'Charge',
  expiry: 'Verw. bis',
  subtotal: 'Zwischensumme',
  total: 'SUMME',
  taxHeader: 'MwSt',
  taxable: 'Netto',
  tax: 'MwSt',
  taxTotal: 'MwSt gesamt',
  cashRounding: 'Rundung',
  totalDue: 'Zu zahlen',
  cash: 'Bar',
  card: 'Karte',
  approval: 'Genehmigung',
  storeCredit: 'Guthaben',
  foreignCash: 'Bar',
  change: 'Rückgeld',
  copy: '*** KOPIE ***',
  reprint: '*** NACHDRUCK ***',
};

/** The receipt's fixed words in the pharmacy's language (English when it is not one we have). */
export function receiptLabelsFor(locale: string): ReceiptLabels {
  return locale.toLowerCase().startsWith('de') ? germanLabels : defaultReceiptLabels;
}

/** The terminal's own time zone: the receipt shows the local time of the counter it was printed at. */
export function terminalTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function receiptContextOf(db: Database, paperWidthMm: PaperWidthMm, timeZone = terminalTimeZone()): ReceiptContext {
  return { locale: readSettings(db).locale, timeZone, paperWidthMm };
}

function money(minor: number, currency: string, locale: string): { minor: number; formatted: string } {
  const text = formatMinor(minor, currency, locale);
  // A currency or locale the money engine refuses still prints, as the plain amount with its code.
  return { minor, formatted: text.ok ? text.value : `${minor} ${currency}` };
}

/** "A", "B", ... per tax breakdown row, in the order the sale lists them. */
function taxLetters(sale: Sale): Map<string, string> {
  const letters = new Map<string, string>();
  sale.breakdown.forEach((row, i) => letters.set(row.key, String.fromCharCode(65 + (i % 26))));
  return letters;
}

function lineTaxKey(line: Sale['lines'][number]): string {
  const first = line.taxes[0];
  if (!first) return 'exempt';
  return `${first.code}@${first.ratePercent}${first.compound ? '+' : ''}`;
}

function tenderOf(p: Sale['payments'][number], sale: Sale, locale: string): ReceiptTender {
  const base = money(p.baseAmountMinor, sale.currency, locale);
  switch (p.kind) {
    case 'cash':
      return { kind: 'cash', amount: money(p.amountMinor, p.currency, locale) };
    case 'card':
      return { kind: 'card', amount: base, approvalRef: (p.reference ?? '').slice(0, 40) || '-' };
    case 'storeCredit':
      return { kind: 'storeCredit', amount: base, ...(p.reference ? { reference: p.reference.slice(0, 200) } : {}) };
    case 'foreignCash':
      return {
        kind: 'foreignCash',
        currency: p.currency,
        foreignAmount: money(p.amountMinor, p.currency, locale),
        rate: `1 ${p.currency} = ${p.rate ?? '?'} ${sale.currency}`,
        amount: base,
      };
  }
}

/** The printable receipt of a committed sale. `marker: 'copy'` for a copy from history. */
export function receiptFromSale(sale: Sale, context: ReceiptContext, options: { marker?: 'copy' | 'reprint' } = {}): ReceiptModel {
  const { locale } = context;
  const m = (minor: number) => money(minor, sale.currency, locale);
  const letters = taxLetters(sale);
  const german = locale.toLowerCase().startsWith('de');
  const lines: ReceiptLine[] = sale.lines
    .filter((l) => l.quantity !== 0)
    .map((l) => {
      const discountMinor = l.lineDiscountMinor;
      return {
        description: l.name.slice(0, 300) || l.sku,
        quantity: l.quantity,
        unit: l.unit.slice(0, 20),
        unitPrice: m(l.unitPriceMinor),
        lineTotal: m(l.extendedMinor),
        ...(discountMinor !== 0 ? { discount: { label: german ? 'Rabatt' : 'Discount', amount: m(-discountMinor) } } : {}),
        taxCode: letters.get(lineTaxKey(l)) ?? letters.get('exempt') ?? 'A',
        // Every product the counter sells is a medicine class (GSL, P, OTC, Rx, CD): its batch is printed for recalls.
        ...(l.batch && /^\d{4}-\d{2}(-\d{2})?$/.test(l.expiry) ? { medicine: { batch: l.batch.slice(0, 40), expiry: l.expiry } } : {}),
      };
    });
  const t = sale.totals;
  const labels = receiptLabelsFor(locale);
  return {
    version: 1,
    paperWidthMm: context.paperWidthMm,
    currency: sale.currency,
    store: {
      name: (sale.pharmacy.name || 'Pharmacy').slice(0, 80),
      addressLines: sale.pharmacy.address
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .slice(0, 6),
      ...(sale.pharmacy.taxId ? { taxId: sale.pharmacy.taxId } : {}),
    },
    receiptNumber: String(sale.receiptNo),
    terminal: sale.terminalName.slice(0, 40) || 'Till',
    cashier: sale.cashier.displayName.slice(0, 80) || '-',
    issuedAt: { iso: new Date(sale.at).toISOString(), locale, timeZone: context.timeZone },
    lines,
    ...(t.basketDiscountMinor !== 0 ? { basketDiscount: { label: german ? 'Rabatt' : 'Basket discount', amount: m(-t.basketDiscountMinor) } } : {}),
    taxes: sale.breakdown.map((row) => ({
      code: letters.get(row.key) ?? 'A',
      label: row.kind === 'exempt' ? (german ? 'Befreit' : 'Exempt') : `${row.name} ${row.ratePercent ?? ''}%`.slice(0, 200),
      taxable: m(row.netMinor),
      tax: m(row.taxMinor),
    })),
    totals: {
      ...(t.lineDiscountMinor + t.basketDiscountMinor !== 0 ? { subtotal: m(t.extendedMinor) } : {}),
      taxTotal: m(t.taxMinor),
      total: m(t.grossMinor),
    },
    ...(t.cashRoundingMinor !== 0 ? { cashRounding: { amount: m(t.cashRoundingMinor), totalDue: m(t.amountToPayMinor) } } : {}),
    tenders: sale.payments.map((p) => tenderOf(p, sale, locale)),
    ...(t.changeMinor > 0 ? { change: m(t.changeMinor) } : {}),
    barcode: { symbology: 'CODE128', data: sale.receiptCode },
    footerLines: sale.voided ? [`VOID ${sale.voided.receiptNo}`] : [],
    ...(options.marker ? { marker: options.marker } : {}),
    labels,
  };
}

/** Whether the sale took cash (base or foreign): only then does the drawer open. */
export function tookCash(sale: Sale): boolean {
  return sale.payments.some((p) => p.kind === 'cash' || p.kind === 'foreignCash');
}
