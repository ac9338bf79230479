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

/** Order lines by each identifier they carry, so that a long document is matched without a quadratic scan. */
class OrderIndex {
  private readonly byNumber = new Map<string, number>();
  private readonly byId = new Map<string, number[]>();

  constructor(readonly lines: readonly OrderLine[]) {
    lines.forEach((line, index) => {
      this.byNumber.set(String(line.lineNo), index);
      for (const key of [`g${line.gtin ?? ''}`, `n${line.ndc ?? ''}`, `s${line.supplierSku ?? ''}`]) {
        if (key.length === 1) continue;
        const list = this.byId.get(key) ?? [];
        list.push(index);
        this.byId.set(key, list);
      }
    });
  }

  number(lineNo: string | null): number {
    return lineNo === null ? -1 : (this.byNumber.get(normaliseLineNo(lineNo)) ?? -1);
  }

  /** Order lines sharing at least one identifier with `line`, in order. */
  candidates(line: DocumentLine): number[] {
    const keys = [`g${line.gtin ?? ''}`, `n${line.ndc ?? ''}`, `s${line.supplierSku ?? ''}`].filter(
      (key) => key.length > 1,
    );
    const found = new Set<number>();
    for (const key of keys) for (const index of this.byId.get(key) ?? []) found.add(index);
    return [...found].sort((a, b) => a - b);
  }
}

export function assignLines(orderLines: readonly OrderLine[], lines: readonly DocumentLine[]): Assignment[] {
  const index = new OrderIndex(orderLines);
  const used = new Set<number>();
  return lines.map((line) => {
    const byNumber = index.number(line.lineNo);
    const numbered = byNumber >= 0 ? compareItems(orderLines[byNumber] as OrderLine, line) : null;
    const same = index
      .candidates(line)
      .filter((candidate) => compareItems(orderLines[candidate] as OrderLine, line) === 'same');
    const byItem = same.find((candidate) => !used.has(candidate)) ?? same[0];
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

/** Document lines grouped by the order line they answer, each with its position in the document. */
export function groupByOrderLine<T>(
  lines: readonly T[],
  assignments: readonly Assignment[],
): Map<number, Array<{ line: T; index: number; assignment: Assignment }>> {
  const groups = new Map<number, Array<{ line: T; index: number; assignment: Assignment }>>();
  lines.forEach((line, index) => {
    const assignment = assignments[index] as Assignment;
    if (assignment.orderIndex === null) return;
    const group = groups.get(assignment.orderIndex) ?? [];
    group.push({ line, index, assignment });
    groups.set(assignment.orderIndex, group);
  });
  return groups;
}

/** The largest exponent, at least `floor`; a loop rather than Math.max(...) so that long documents fit the stack. */
export function maxExponent(floor: number, exponents: Iterable<number>): number {
  let max = floor;
  for (const exponent of exponents) if (exponent > max) max = exponent;
  return max;
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
