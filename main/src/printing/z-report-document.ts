// A shift report on paper: the Z report of a closed shift (the figures the core kept with it, never recomputed
// here) or the X report of the open one so far, as label/value rows formatted in the pharmacy's language.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ShiftReport } from '../contract.js';
import { formatMinor } from '../money/index.js';
import type { ReportDocument, ReportRow } from './print-document.js';

const words = {
  en: {
    title: 'Z REPORT',
    titleX: 'X REPORT (SHIFT OPEN)',
    asAt: 'As at',
    terminal: 'Till',
    opened: 'Opened',
    closed: 'Closed',
    sales: 'Sales',
    gross: 'Sales gross',
    discounts: 'Discounts',
    byTender: 'By tender',
    byTax: 'By tax rate',
    returns: 'Returns',
    voids: 'Voids',
    netSales: 'Net sales',
    float: 'Float',
    cashIn: 'Cash in',
    cashOut: 'Cash out',
    expected: 'Expected cash',
    counted: 'Counted',
    overShort: 'Over/short',
    change: 'Change given',
  },
  de: {
    title: 'Z-BERICHT',
    titleX: 'X-BERICHT (SCHICHT OFFEN)',
    asAt: 'Stand',
    terminal: 'Kasse',
    opened: 'Geöffnet',
    closed: 'Geschlossen',
    sales: 'Verkäufe',
    gross: 'Umsatz brutto',
    discounts: 'Rabatte',
    byTender: 'Nach Zahlungsart',
    byTax: 'Nach Steuersatz',
    returns: 'Rückgaben',
    voids: 'Stornos',
    netSales: 'Nettoumsatz',
    float: 'Wechselgeld',
    cashIn: 'Einlagen',
    cashOut: 'Entnahmen',
    expected: 'Soll-Bestand',
    counted: 'Gezählt',
    overShort: 'Differenz',
    change: 'Rückgeld',
  },
} as const;

const pharmacyName = (db: Database): string =>
  (db.prepare<[], { name: string }>('SELECT name FROM pharmacy LIMIT 1').get()?.name ?? '').slice(0, 80);

/** `at` is when an X report is printed (its figures are as at then); a Z report carries its closing time. */
export function zReportDocument(db: Database, report: ShiftReport, locale: string, timeZone: string, at: number | null = null): ReportDocument {
  const w = locale.toLowerCase().startsWith('de') ? words.de : words.en;
  const m = (minor: number, currency = report.currency): string => {
    const text = formatMinor(minor, currency, locale);
    return text.ok ? text.value : `${minor} ${currency}`;
  };
  const when = (at: number | null): string => {
    if (at === null) return '-';
    try {
      return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));
    } catch {
      return new Date(at).toISOString();
    }
  };
  const rows: ReportRow[] = [
    { left: pharmacyName(db), center: true, bold: true },
    { left: w.terminal, right: report.terminalName },
    { left: w.opened, right: `${when(report.openedAt)} ${report.openedBy.displayName}` },
    report.kind === 'Z'
      ? { left: w.closed, right: `${when(report.closedAt)} ${report.closedBy?.displayName ?? ''}`.trim() }
      : { left: w.asAt, right: when(report.closedAt ?? at) },
    { left: '' },
    { left: w.sales, right: String(report.sales.count), bold: true },
    { left: w.gross, right: m(report.sales.grossMinor) },
    { left: w.discounts, right: m(report.discounts.totalMinor) },
    { left: w.byTender, bold: true },
    ...report.byTender.map((t) => ({ left: `  ${t.kind} (${t.count})`, right: m(t.amountMinor, t.currency) })),
    { left: w.change, right: m(report.changeGivenMinor) },
    { left: w.byTax, bold: true },
    ...report.byTaxRate.map((t) => ({ left: `  ${t.name} ${t.ratePercent ?? ''}%`, right: `${m(t.netMinor)} / ${m(t.taxMinor)}` })),
    { left: `${w.returns} (${report.returns.count})`, right: m(-report.returns.refundMinor) },
    { left: `${w.voids} (${report.voids.count})`, right: m(-report.voids.grossMinor) },
    { left: w.netSales, right: m(report.netSalesMinor), bold: true },
    { left: '' },
    { left: w.float, right: m(report.cash.floatMinor) },
    { left: w.cashIn, right: m(report.cash.movementsInMinor) },
    { left: w.cashOut, right: m(-report.cash.movementsOutMinor) },
    { left: w.expected, right: m(report.cash.expectedMinor), bold: true },
    ...(report.count
      ? [
          { left: w.counted, right: m(report.count.countedMinor) },
          { left: w.overShort, right: m(report.count.overShortMinor), bold: true },
        ]
      : []),
  ];
  return { title: report.kind === 'Z' ? w.title : w.titleX, rows };
}
