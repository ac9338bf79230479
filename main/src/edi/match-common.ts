// Which document line answers which order line. A line number (PO101/IT101) whose item agrees with the
// order line wins; otherwise an order line carrying exactly that item (same GTIN, NDC or supplier number and
// none contradicting) wins, because some suppliers number their lines their own way; otherwise the line
// number alone decides, and if its item contradicts the order line, that is a substitution.
import type {
  Amount,
  Discrepancy,
  DiscrepancyKind,
  LineItem,
  OrderLine,
  ParsedOrderLine,
} from './contract.js';
import { amountText, isSafe, rescale } from './decimal.js';
import { fail } from './errors.js';

export type DocumentLine = Pick<ParsedOrderLine, 'lineNo' | 'gtin' | 'ndc' | 'supplierSku' | 'description'>;

export type Assignment = { orderIndex: number | null; itemConflict: boolean };

type Comparison = 'same' | 'conflict' | 'unknown';

/** Compares the identifiers both sides carry: any disagreement is a conflict, one agreement makes them the same. */
export function compareItems(orderLine: OrderLine, line: DocumentLine): Comparison {
  let same = false;
  const pairs: Array<[string | undefined, string | null]> = [
    [orderLine.gtin, line.gtin],
    [orderLine.ndc, line.ndc],
    [orderLine.supplierSku, line.supplierSku],
  ];
  for (const [ordered, given] of pairs) {
    if (ordered === undefined || given === null) continue;
    if (ordered !== given) return 'conflict';
    same = true;
  }
  return same ? 'same' : 'unknown';
}

export function normaliseLineNo(lineNo: string): string {
  return /^\d+$/.test(lineNo) ? lineNo.replace(/^0+(?=\d)/, '') : lineNo;
}

export function assignLines(orderLines: readonly OrderLine[], lines: readonly DocumentLine[]): Assignment[] {
  const used = new Set<number>();
  const indexes = orderLines.map((_, index) => index);
  return lines.map((line) => {
    const byNumber =
      line.lineNo === null
        ? -1
        : orderLines.findIndex(
            (candidate) => String(candidate.lineNo) === normaliseLineNo(line.lineNo ?? ''),
          );
    const numbered = byNumber >= 0 ? compareItems(orderLines[byNumber] as OrderLine, line) : null;
    const sameItem = (index: number) => compareItems(orderLines[index] as OrderLine, line) === 'same';
    const byItem = indexes.find((index) => !used.has(index) && sameItem(index)) ?? indexes.find(sameItem);
    let chosen: Assignment;
    if (numbered === 'same') chosen = { orderIndex: byNumber, itemConflict: false };
    else if (byItem !== undefined) chosen = { orderIndex: byItem, itemConflict: false };
    else if (numbered === 'unknown') chosen = { orderIndex: byNumber, itemConflict: false };
    else if (numbered === 'conflict') chosen = { orderIndex: byNumber, itemConflict: true };
    else chosen = { orderIndex: null, itemConflict: false };
    if (chosen.orderIndex !== null) used.add(chosen.orderIndex);
    return chosen;
  });
}

export function documentLineNo(line: DocumentLine, index: number): string {
  return line.lineNo ?? `#${index + 1}`;
}

export function orderItem(line: OrderLine): LineItem {
  return {
    gtin: line.gtin ?? null,
    ndc: line.ndc ?? null,
    supplierSku: line.supplierSku ?? null,
    description: line.description,
  };
}

export function documentItem(line: DocumentLine): LineItem {
  return { gtin: line.gtin, ndc: line.ndc, supplierSku: line.supplierSku, description: line.description };
}

export function itemLabel(item: LineItem): string {
  const ids = [
    item.gtin === null ? null : `GTIN ${item.gtin}`,
    item.ndc === null ? null : `NDC ${item.ndc}`,
    item.supplierSku === null ? null : `item ${item.supplierSku}`,
  ].filter((id) => id !== null);
  return ids.length === 0 ? (item.description ?? 'an unidentified item') : ids.join(', ');
}

export function orderPrice(line: OrderLine): Amount {
  return { minor: line.unitPriceMinor, exponent: line.currencyExponent };
}

export function priceText(amount: Amount | null): string | null {
  return amount === null ? null : amountText(amount);
}

export function discrepancy(
  kind: DiscrepancyKind,
  fields: Partial<Omit<Discrepancy, 'kind' | 'message'>> & { message: string },
): Discrepancy {
  return {
    kind,
    orderLineNo: fields.orderLineNo ?? null,
    documentLineNo: fields.documentLineNo ?? null,
    expected: fields.expected ?? null,
    actual: fields.actual ?? null,
    against: fields.against ?? null,
    message: fields.message,
  };
}

/** Sums money at one exponent in BigInt and hands back a safe number, or `edi.amountOverflow`. */
export class MoneySum {
  private total = 0n;

  constructor(readonly exponent: number) {}

  add(quantity: number, price: Amount): this {
    this.total += BigInt(quantity) * rescale(price, this.exponent);
    return this;
  }

  addAmount(amount: Amount, sign: 1n | -1n = 1n): this {
    this.total += sign * rescale(amount, this.exponent);
    return this;
  }

  get value(): bigint {
    return this.total;
  }

  toMinor(what: string): number {
    return safeMinor(this.total, what);
  }
}

export function safeMinor(value: bigint, what: string): number {
  if (!isSafe(value)) fail('edi.amountOverflow', `${what} is too large to hold exactly`, { path: what });
  return Number(value);
}
