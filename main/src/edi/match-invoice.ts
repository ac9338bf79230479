// Three-way match before paying a supplier: what was ordered, what the 810 bills, and (when receiving has
// counted) what actually arrived. Each line's quantities and prices are compared, and the invoice's total
// is recomputed from its own lines, charges, allowances and taxes.
import {
  invoiceSchema,
  receivedQuantitiesSchema,
  type Discrepancy,
  type EdiResult,
  type Invoice,
  type InvoiceLine,
  type InvoiceMatch,
  type InvoiceMatchLine,
  type OrderLine,
  type PurchaseOrder,
  type ReceivedQuantity,
} from './contract.js';
import { amountText, sameAmount } from './decimal.js';
import { attempt, fail } from './errors.js';
import { checkInput, checkOrder } from './input.js';
import {
  MoneySum,
  assignLines,
  groupByOrderLine,
  maxExponent,
  discrepancy,
  documentItem,
  documentLineNo,
  itemLabel,
  orderItem,
  orderPrice,
  priceText,
  safeMinor,
  type Assignment,
} from './match-common.js';

export function matchInvoice(
  order: PurchaseOrder,
  invoice: Invoice,
  received?: readonly ReceivedQuantity[],
): EdiResult<InvoiceMatch> {
  return attempt(() => {
    const checked = checkOrder(order).order;
    const bill = checkInput(invoiceSchema, invoice, 'invoice');
    const counted =
      received === undefined
        ? null
        : receivedByLine(checked, checkInput(receivedQuantitiesSchema, received, 'received'));
    const assignments = assignLines(checked.lines, bill.lines);

    const amounts = [
      bill.total,
      ...bill.lines.flatMap((line) => [
        line.unitPrice,
        ...line.charges.map((c) => c.amount),
        ...line.taxes.map((t) => t.amount),
      ]),
      ...bill.charges.map((charge) => charge.amount),
      ...bill.taxes.map((tax) => tax.amount),
    ];
    const exponent = maxExponent(2, [
      ...checked.lines.map((line) => line.currencyExponent),
      ...amounts.map((amount) => amount?.exponent ?? 0),
    ]);
    const byOrderLine = groupByOrderLine(bill.lines, assignments);
    const sums = {
      ordered: new MoneySum(exponent),
      invoicedLines: new MoneySum(exponent),
      atOrderPrice: new MoneySum(exponent),
      receivedAtOrderPrice: new MoneySum(exponent),
      charges: new MoneySum(exponent),
      allowances: new MoneySum(exponent),
      tax: new MoneySum(exponent),
    };

    const lines: InvoiceMatchLine[] = checked.lines.map((orderLine, orderIndex) => {
      sums.ordered.add(orderLine.quantity, orderPrice(orderLine));
      const receivedQuantity = counted?.get(orderLine.lineNo) ?? (counted === null ? null : 0);
      if (receivedQuantity !== null) sums.receivedAtOrderPrice.add(receivedQuantity, orderPrice(orderLine));
      const mine = byOrderLine.get(orderIndex) ?? [];
      for (const { line } of mine) {
        if (line.quantity !== null) sums.atOrderPrice.add(line.quantity, orderPrice(orderLine));
      }
      return matchLine(orderLine, mine, receivedQuantity, exponent);
    });

    bill.lines.forEach((line, index) => {
      if (line.unitPrice !== null && line.quantity !== null)
        sums.invoicedLines.add(line.quantity, line.unitPrice);
      for (const charge of line.charges) addCharge(sums, charge);
      if (assignments[index]?.orderIndex !== null) return;
      const lineNo = documentLineNo(line, index);
      const extended = new MoneySum(exponent);
      if (line.unitPrice !== null && line.quantity !== null) extended.add(line.quantity, line.unitPrice);
      lines.push({
        orderLineNo: null,
        documentLineNos: [lineNo],
        item: documentItem(line),
        ordered: null,
        invoiced: {
          quantity: line.quantity ?? 0,
          unit: line.unit,
          unitPrice: line.unitPrice,
          extendedMinor: extended.toMinor('invoice line amount'),
        },
        received: null,
        discrepancies: [
          discrepancy('lineNotOrdered', {
            documentLineNo: lineNo,
            actual: line.quantity,
            message: `invoice line ${lineNo} (${itemLabel(documentItem(line))}) matches no order line`,
          }),
        ],
      });
    });
    for (const charge of bill.charges) addCharge(sums, charge);
    // The summary TXI states the invoice's tax; line TXIs detail it. Count the summary when there is one, so
    // that a supplier who sends both is not charged twice.
    const taxes = bill.taxes.length > 0 ? bill.taxes : bill.lines.flatMap((line) => line.taxes);
    for (const tax of taxes) if (tax.amount !== null) sums.tax.addAmount(tax.amount);

    const invoicedLinesMinor = sums.invoicedLines.toMinor('invoiced lines');
    const chargesMinor = sums.charges.toMinor('charges');
    const allowancesMinor = sums.allowances.toMinor('allowances');
    const taxMinor = sums.tax.toMinor('tax');
    const computedTotalMinor = safeMinor(
      sums.invoicedLines.value + sums.charges.value - sums.allowances.value + sums.tax.value,
      'computed total',
    );
    const invoiceTotalMinor = new MoneySum(exponent).addAmount(bill.total).toMinor('invoice total');

    const documentDiscrepancies: Discrepancy[] = [];
    if (bill.poNumber !== null && bill.poNumber !== checked.poNumber) {
      documentDiscrepancies.push(
        discrepancy('poNumberDifferent', {
          expected: checked.poNumber,
          actual: bill.poNumber,
          against: 'ordered',
          message: `the invoice is for purchase order ${bill.poNumber}, not ${checked.poNumber}`,
        }),
      );
    }
    if (bill.currency !== null && bill.currency !== checked.currency) {
      documentDiscrepancies.push(
        discrepancy('currencyDifferent', {
          expected: checked.currency,
          actual: bill.currency,
          against: 'ordered',
          message: `the invoice is in ${bill.currency}, the order in ${checked.currency}`,
        }),
      );
    }
    if (computedTotalMinor !== invoiceTotalMinor) {
      const computed = amountText({ minor: computedTotalMinor, exponent });
      const stated = amountText({ minor: invoiceTotalMinor, exponent });
      documentDiscrepancies.push(
        discrepancy('totalDifferent', {
          expected: computed,
          actual: stated,
          against: 'computed',
          message: `the invoice total (TDS) is ${stated}; its lines, charges, allowances and tax come to ${computed}`,
        }),
      );
    }
    const discrepancies = [...lines.flatMap((line) => line.discrepancies), ...documentDiscrepancies];
    return {
      invoiceNumber: bill.invoiceNumber,
      poNumber: bill.poNumber,
      lines,
      discrepancies,
      totals: {
        exponent,
        orderedMinor: sums.ordered.toMinor('ordered total'),
        invoicedLinesMinor,
        invoicedAtOrderPriceMinor: sums.atOrderPrice.toMinor('invoiced at order price'),
        receivedAtOrderPriceMinor:
          counted === null ? null : sums.receivedAtOrderPrice.toMinor('received at order price'),
        chargesMinor,
        allowancesMinor,
        taxMinor,
        computedTotalMinor,
        invoiceTotalMinor,
      },
      matches: discrepancies.length === 0,
    };
  });
}

function receivedByLine(order: PurchaseOrder, received: readonly ReceivedQuantity[]): Map<number, number> {
  const byLine = new Map<number, number>();
  received.forEach((entry, index) => {
    if (!order.lines.some((line) => line.lineNo === entry.lineNo)) {
      fail('edi.invalidInput', `received ${index}: the order has no line ${entry.lineNo}`, {
        path: `received.${index}.lineNo`,
      });
    }
    if (byLine.has(entry.lineNo)) {
      fail('edi.invalidInput', `received ${index}: line ${entry.lineNo} is counted twice`, {
        path: `received.${index}.lineNo`,
      });
    }
    byLine.set(entry.lineNo, entry.quantity);
  });
  return byLine;
}

type Sums = { charges: MoneySum; allowances: MoneySum };

function addCharge(sums: Sums, charge: InvoiceLine['charges'][number]): void {
  if (charge.amount === null || charge.indicator === 'N') return;
  (charge.indicator === 'C' ? sums.charges : sums.allowances).addAmount(charge.amount);
}

function matchLine(
  orderLine: OrderLine,
  entries: ReadonlyArray<{ line: InvoiceLine; index: number; assignment: Assignment }>,
  received: number | null,
  exponent: number,
): InvoiceMatchLine {
  const label = `order line ${orderLine.lineNo} (${orderLine.description})`;
  const ordered = { quantity: orderLine.quantity, unit: orderLine.unit, unitPrice: orderPrice(orderLine) };
  const base = { orderLineNo: orderLine.lineNo, item: orderItem(orderLine), ordered, received };
  if (entries.length === 0) {
    const receivedNote = received !== null && received > 0 ? `; ${received} received` : '';
    return {
      ...base,
      documentLineNos: [],
      invoiced: null,
      discrepancies: [
        discrepancy('lineMissing', {
          orderLineNo: orderLine.lineNo,
          expected: orderLine.quantity,
          actual: 0,
          against: 'ordered',
          message: `${label} is not on the invoice${receivedNote}`,
        }),
      ],
    };
  }
  const lineNos = entries.map((entry) => documentLineNo(entry.line, entry.index));
  const common = { orderLineNo: orderLine.lineNo, documentLineNo: lineNos[0] ?? null };
  const quantity = entries.reduce((sum, entry) => sum + (entry.line.quantity ?? 0), 0);
  const extended = new MoneySum(exponent);
  for (const { line } of entries)
    if (line.quantity !== null && line.unitPrice !== null) extended.add(line.quantity, line.unitPrice);
  const found: Discrepancy[] = [];

  const conflicting = entries.find((entry) => entry.assignment.itemConflict);
  if (conflicting !== undefined) {
    const instead = itemLabel(documentItem(conflicting.line));
    found.push(
      discrepancy('substituted', {
        ...common,
        expected: itemLabel(orderItem(orderLine)),
        actual: instead,
        against: 'ordered',
        message: `${label}: the invoice bills ${instead} instead`,
      }),
    );
  }
  const units = new Set(entries.map((entry) => entry.line.unit).filter((unit) => unit !== null));
  const unitDiffers = [...units].some((unit) => unit !== orderLine.unit);
  if (unitDiffers) {
    found.push(
      discrepancy('unitDifferent', {
        ...common,
        expected: orderLine.unit,
        actual: [...units].join(', '),
        against: 'ordered',
        message: `${label}: invoiced in ${[...units].join(', ')}, ordered in ${orderLine.unit}; quantities are not compared`,
      }),
    );
  } else {
    compareQuantity(found, common, label, quantity, orderLine.quantity, 'ordered');
    if (received !== null) compareQuantity(found, common, label, quantity, received, 'received');
  }
  entries.forEach((entry, position) => {
    const price = entry.line.unitPrice;
    if (price !== null && sameAmount(price, orderPrice(orderLine))) return;
    found.push(
      discrepancy('priceDifferent', {
        ...common,
        documentLineNo: lineNos[position] ?? null,
        expected: priceText(orderPrice(orderLine)),
        actual: priceText(price),
        against: 'ordered',
        message:
          price === null
            ? `${label}: the invoice line gives no unit price`
            : `${label}: invoiced at ${priceText(price)}, ordered at ${priceText(orderPrice(orderLine))}`,
      }),
    );
  });
  return {
    ...base,
    documentLineNos: lineNos,
    invoiced: {
      quantity,
      unit: entries[0]?.line.unit ?? null,
      unitPrice: entries[0]?.line.unitPrice ?? null,
      extendedMinor: extended.toMinor('invoice line amount'),
    },
    discrepancies: found,
  };
}

function compareQuantity(
  found: Discrepancy[],
  common: { orderLineNo: number; documentLineNo: string | null },
  label: string,
  invoiced: number,
  expected: number,
  against: 'ordered' | 'received',
): void {
  if (invoiced === expected) return;
  const kind = invoiced > expected ? 'quantityOver' : 'quantityShort';
  found.push(
    discrepancy(kind, {
      ...common,
      expected,
      actual: invoiced,
      against,
      message: `${label}: ${invoiced} invoiced, ${expected} ${against}`,
    }),
  );
}
