// Rule: receiving counts packs per batch, and a batch already past its expiry is received only into
// quarantine (issue "Batch-level inventory", bad input). Pure: the screen's lines, how a scan adds to them,
// and what is sent to inventory.receiveDelivery once every line checks out.
import type { InputOf } from '@mortar/main/contract';
import { isExpired } from '../../format/dates.js';
import { parseMoneyInput } from '../../format/money.js';
import type { PackScan } from './gs1-scan.js';

export type SellableLocation = 'shelf' | 'dispensary' | 'controlled-cabinet';

export type ReceivingLine = {
  key: string;
  gtin: string;
  batch: string;
  expiry: string;
  /** The first scan of the batch, sent for the core to parse again; null when read from a typed label. */
  scan: string | null;
  serials: string[];
  count: string;
  damaged: string;
  cost: string;
  location: SellableLocation;
  quarantine: boolean;
  note: string;
};

export type LineProblem = 'count' | 'damaged' | 'nothing' | 'cost' | 'expired';

export type AddOutcome = { lines: ReceivingLine[]; added: 'new' | 'counted' | 'duplicateSerial' | 'noBatch'; key: string | null };

export function lineKey(gtin: string, batch: string, expiry: string): string {
  return `${gtin}|${batch}|${expiry}`;
}

/** A scanned pack counts one more of its batch, or starts the batch's line; a serial scanned twice counts once. */
export function addPack(lines: ReceivingLine[], pack: PackScan, raw: string | null, defaultCost: string): AddOutcome {
  if (!pack.batch || !pack.expiry) return { lines, added: 'noBatch', key: null };
  const key = lineKey(pack.gtin, pack.batch, pack.expiry);
  const found = lines.find((l) => l.key === key);
  if (found) {
    if (pack.serial && found.serials.includes(pack.serial)) return { lines, added: 'duplicateSerial', key };
    const count = /^\d+$/.test(found.count) ? String(Number(found.count) + 1) : '1';
    const updated = { ...found, count, serials: pack.serial ? [...found.serials, pack.serial] : found.serials };
    return { lines: lines.map((l) => (l.key === key ? updated : l)), added: 'counted', key };
  }
  const line: ReceivingLine = {
    key,
    gtin: pack.gtin,
    batch: pack.batch,
    expiry: pack.expiry,
    scan: raw,
    serials: pack.serial ? [pack.serial] : [],
    count: '1',
    damaged: '0',
    cost: defaultCost,
    location: 'shelf',
    quarantine: false,
    note: '',
  };
  return { lines: [...lines, line], added: 'new', key };
}

function wholeNumber(text: string): number | null {
  const t = text.trim();
  return /^\d{1,6}$/.test(t) ? Number(t) : null;
}

export function lineProblems(line: ReceivingLine, today: string, digits: number): LineProblem[] {
  const problems: LineProblem[] = [];
  const count = wholeNumber(line.count);
  const damaged = wholeNumber(line.damaged === '' ? '0' : line.damaged);
  if (count === null) problems.push('count');
  if (damaged === null) problems.push('damaged');
  if (count !== null && damaged !== null && count + damaged === 0) problems.push('nothing');
  if (!parseMoneyInput(line.cost, digits).ok) problems.push('cost');
  if (isExpired(line.expiry, today) && !line.quarantine) problems.push('expired');
  return problems;
}

type DeliveryLineInput = InputOf<'inventory.receiveDelivery'>['lines'][number];

/** The delivery's lines; `ordered` gives the packs still expected per GTIN when receiving against an order. */
export function deliveryLines(lines: ReceivingLine[], digits: number, ordered: Map<string, number>, gsSubstitute: string | null): DeliveryLineInput[] {
  const perGtin = new Map<string, number>();
  for (const l of lines) perGtin.set(l.gtin, (perGtin.get(l.gtin) ?? 0) + 1);
  return lines.map((l) => {
    const cost = parseMoneyInput(l.cost, digits);
    const expected = ordered.get(l.gtin);
    const identity = l.scan
      ? { scan: l.scan, ...(gsSubstitute ? { gsSubstitute } : {}) }
      : { gtin: l.gtin, batch: l.batch, expiry: l.expiry };
    return {
      ...identity,
      quantity: wholeNumber(l.count) ?? 0,
      damagedQuantity: wholeNumber(l.damaged === '' ? '0' : l.damaged) ?? 0,
      // Short or over is judged per line only where one line holds the whole of an ordered product.
      ...(expected !== undefined && perGtin.get(l.gtin) === 1 ? { orderedQuantity: Math.max(0, expected) } : {}),
      cost: cost.ok ? cost.decimal : l.cost,
      location: l.location,
      intoQuarantine: l.quarantine,
      ...(l.note.trim() ? { note: l.note.trim() } : {}),
    };
  });
}

export function isLineExpired(line: ReceivingLine, today: string): boolean {
  return isExpired(line.expiry, today);
}
