// Holds a supplier's 855 against the order Mortar sent, line by line: what was accepted, backordered,
// rejected or substituted, at which price, so the pharmacy knows before the delivery what will not come.
import {
  purchaseOrderAcknowledgementSchema,
  type AckLine,
  type AcknowledgedPart,
  type AcknowledgementMatch,
  type AcknowledgementMatchLine,
  type Discrepancy,
  type EdiResult,
  type OrderLine,
  type ProductId,
  type PurchaseOrder,
  type PurchaseOrderAcknowledgement,
} from './contract.js';
import { sameAmount } from './decimal.js';
import { attempt } from './errors.js';
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
} from './match-common.js';

/** BAK02 codes under which a line without ACK is refused with the order (rejected, with or without detail). */
const rejectingTypes = new Set(['RJ', 'RD', 'RF', 'RO']);
/**
 * What an order line the acknowledgement does not list means: under "exception detail only" (AE, RF) and
 * "no detail" (AK, AT, AP, RJ) types it shares the header's answer; otherwise it is missing.
 */
const implicitAnswer: Readonly<Record<string, 'accepted' | 'rejected' | 'held'>> = {
  AE: 'accepted',
  AK: 'accepted',
  AT: 'accepted',
  AP: 'accepted',
  AH: 'held',
  RJ: 'rejected',
  RF: 'rejected',
};

export function matchAcknowledgement(
  order: PurchaseOrder,
  acknowledgement: PurchaseOrderAcknowledgement,
): EdiResult<AcknowledgementMatch> {
  return attempt(() => {
    const checked = checkOrder(order).order;
    const ack = checkInput(purchaseOrderAcknowledgementSchema, acknowledgement, 'acknowledgement');
    const assignments = assignLines(checked.lines, ack.lines);
    const exponent = maxExponent(0, [
      ...checked.lines.map((line) => line.currencyExponent),
      ...ack.lines.map((line) => line.unitPrice?.exponent ?? 0),
    ]);
    const byOrderLine = groupByOrderLine(ack.lines, assignments);
    const ordered = new MoneySum(exponent);
    const acknowledged = new MoneySum(exponent);

    const lines: AcknowledgementMatchLine[] = checked.lines.map((orderLine, orderIndex) => {
      ordered.add(orderLine.quantity, orderPrice(orderLine));
      const mine = byOrderLine.get(orderIndex) ?? [];
      const result =
        mine.length === 0 ? implicitLine(orderLine, ack.ackType) : answeredLine(orderLine, mine, ack.ackType);
      const part = result.acknowledged;
      if (part !== null) {
        const price = part.unitPrice ?? orderPrice(orderLine);
        acknowledged.add(part.quantity, price);
      }
      return result;
    });

    ack.lines.forEach((line, index) => {
      if (assignments[index]?.orderIndex !== null) return;
      const quantities = quantitiesOf([line], null, ack.ackType);
      if (line.unitPrice !== null) acknowledged.add(quantities.accepted, line.unitPrice);
      const lineNo = documentLineNo(line, index);
      lines.push({
        orderLineNo: null,
        documentLineNos: [lineNo],
        item: documentItem(line),
        ordered: null,
        acknowledged: acknowledgedPart([line], quantities, false),
        discrepancies: [
          discrepancy('lineNotOrdered', {
            documentLineNo: lineNo,
            actual: quantities.accepted,
            message: `acknowledgement line ${lineNo} (${itemLabel(documentItem(line))}) matches no order line`,
          }),
        ],
      });
    });

    const documentDiscrepancies: Discrepancy[] = [];
    if (ack.poNumber !== checked.poNumber) {
      documentDiscrepancies.push(
        discrepancy('poNumberDifferent', {
          expected: checked.poNumber,
          actual: ack.poNumber,
          against: 'ordered',
          message: `the acknowledgement is for purchase order ${ack.poNumber}, not ${checked.poNumber}`,
        }),
      );
    }
    if (ack.currency !== null && ack.currency !== checked.currency) {
      documentDiscrepancies.push(
        discrepancy('currencyDifferent', {
          expected: checked.currency,
          actual: ack.currency,
          against: 'ordered',
          message: `the acknowledgement is in ${ack.currency}, the order in ${checked.currency}`,
        }),
      );
    }
    const discrepancies = [...lines.flatMap((line) => line.discrepancies), ...documentDiscrepancies];
    const orderedMinor = ordered.toMinor('ordered total');
    const acknowledgedMinor = acknowledged.toMinor('acknowledged total');
    return {
      poNumber: ack.poNumber,
      ackType: ack.ackType,
      lines,
      discrepancies,
      totals: {
        exponent,
        orderedMinor,
        acknowledgedMinor,
        differenceMinor: acknowledgedMinor - orderedMinor,
      },
      matches: discrepancies.length === 0,
    };
  });
}

type Quantities = { accepted: number; backordered: number; held: number; rejected: number };

/**
 * How much of a line each status answers. An ACK without a quantity answers the whole line when it is the
 * only one; a rejection with no (or zero) quantity refuses whatever the other statuses leave.
 */
function quantitiesOf(
  lines: readonly AckLine[],
  orderedQuantity: number | null,
  ackType: string,
): Quantities {
  const totals: Quantities = { accepted: 0, backordered: 0, held: 0, rejected: 0 };
  let rejectRemainder = false;
  let base = 0;
  for (const line of lines) {
    const lineBase = line.quantity ?? orderedQuantity ?? 0;
    base += lineBase;
    if (line.statuses.length === 0) {
      if (rejectingTypes.has(ackType)) totals.rejected += lineBase;
      else totals.accepted += lineBase;
      continue;
    }
    for (const status of line.statuses) {
      const quantity = status.quantity ?? (line.statuses.length === 1 ? lineBase : 0);
      switch (status.category) {
        case 'accepted':
        case 'changed':
        case 'substituted':
        case 'pending':
          totals.accepted += quantity;
          break;
        case 'backordered':
          totals.backordered += quantity;
          break;
        case 'held':
          totals.held += quantity;
          break;
        case 'rejected':
          if (status.quantity === null || status.quantity === 0) rejectRemainder = true;
          else totals.rejected += quantity;
          break;
      }
    }
  }
  // A line answered by a single IB for part of its quantity: the rest is accepted (the reading most
  // partners and ERPs use; two ACKs, IA and IB, say the same explicitly).
  const only = lines.length === 1 ? lines[0]?.statuses : undefined;
  if (only?.length === 1 && only[0]?.code === 'IB' && only[0].quantity !== null) {
    const whole = orderedQuantity ?? base;
    if (only[0].quantity < whole) totals.accepted += whole - only[0].quantity;
  }
  if (rejectRemainder) {
    const whole = orderedQuantity ?? base;
    totals.rejected += Math.max(
      0,
      whole - totals.accepted - totals.backordered - totals.held - totals.rejected,
    );
  }
  return totals;
}

function acknowledgedPart(
  lines: readonly AckLine[],
  quantities: Quantities,
  implicit: boolean,
): AcknowledgedPart {
  const statuses = lines.flatMap((line) => line.statuses);
  const substitutes: ProductId[] = statuses
    .filter((status) => status.code === 'IS')
    .flatMap((status) => status.productIds);
  return {
    quantity: quantities.accepted,
    backorderedQuantity: quantities.backordered,
    rejectedQuantity: quantities.rejected,
    heldQuantity: quantities.held,
    unit: lines.find((line) => line.unit !== null)?.unit ?? null,
    unitPrice: lines.find((line) => line.unitPrice !== null)?.unitPrice ?? null,
    statusCodes: statuses.map((status) => status.code),
    dates: [
      ...statuses
        .filter((status) => status.dateQualifier !== null)
        .map((status) => ({ qualifier: status.dateQualifier ?? '', date: status.date, time: null })),
      ...lines.flatMap((line) => line.dates),
    ],
    substitutes,
    implicit,
  };
}

function implicitLine(orderLine: OrderLine, ackType: string): AcknowledgementMatchLine {
  const answer = implicitAnswer[ackType];
  const base = {
    orderLineNo: orderLine.lineNo,
    documentLineNos: [],
    item: orderItem(orderLine),
    ordered: { quantity: orderLine.quantity, unit: orderLine.unit, unitPrice: orderPrice(orderLine) },
  };
  if (answer === undefined) {
    return {
      ...base,
      acknowledged: null,
      discrepancies: [
        discrepancy('lineMissing', {
          orderLineNo: orderLine.lineNo,
          expected: orderLine.quantity,
          against: 'ordered',
          message: `order line ${orderLine.lineNo} (${orderLine.description}) is not in the acknowledgement`,
        }),
      ],
    };
  }
  const quantities: Quantities = {
    accepted: answer === 'accepted' ? orderLine.quantity : 0,
    backordered: 0,
    held: answer === 'held' ? orderLine.quantity : 0,
    rejected: answer === 'rejected' ? orderLine.quantity : 0,
  };
  const acknowledged = { ...acknowledgedPart([], quantities, true), unit: orderLine.unit };
  const discrepancies =
    answer === 'rejected'
      ? [
          discrepancy('rejected', {
            orderLineNo: orderLine.lineNo,
            expected: orderLine.quantity,
            actual: orderLine.quantity,
            against: 'ordered',
            message: `order line ${orderLine.lineNo} is rejected with the whole order (BAK02 ${ackType})`,
          }),
        ]
      : [];
  return { ...base, acknowledged, discrepancies };
}

function answeredLine(
  orderLine: OrderLine,
  entries: ReadonlyArray<{ line: AckLine; index: number; assignment: { itemConflict: boolean } | undefined }>,
  ackType: string,
): AcknowledgementMatchLine {
  const lines = entries.map((entry) => entry.line);
  const lineNos = entries.map((entry) => documentLineNo(entry.line, entry.index));
  const quantities = quantitiesOf(lines, orderLine.quantity, ackType);
  const acknowledged = acknowledgedPart(lines, quantities, false);
  const statuses = lines.flatMap((line) => line.statuses);
  if (statuses.some((status) => status.code === 'BP')) {
    const unanswered =
      orderLine.quantity -
      quantities.accepted -
      quantities.backordered -
      quantities.held -
      quantities.rejected;
    if (unanswered > 0) acknowledged.backorderedQuantity += unanswered;
  }
  const found: Discrepancy[] = [];
  const common = { orderLineNo: orderLine.lineNo, documentLineNo: lineNos[0] ?? null };
  const label = `order line ${orderLine.lineNo} (${orderLine.description})`;

  const conflicting = entries.find((entry) => entry.assignment?.itemConflict === true);
  if (
    conflicting !== undefined ||
    acknowledged.substitutes.length > 0 ||
    statuses.some((status) => status.code === 'IS')
  ) {
    const instead =
      conflicting === undefined
        ? acknowledged.substitutes.map((id) => `${id.qualifier} ${id.id}`).join(', ')
        : itemLabel(documentItem(conflicting.line));
    found.push(
      discrepancy('substituted', {
        ...common,
        expected: itemLabel(orderItem(orderLine)),
        actual: instead === '' ? null : instead,
        against: 'ordered',
        message: `${label}: the supplier substitutes${instead === '' ? ' another item' : ` ${instead}`}`,
      }),
    );
  }
  const units = new Set(
    [...lines.map((line) => line.unit), ...statuses.map((status) => status.unit)].filter(
      (unit) => unit !== null,
    ),
  );
  const unitDiffers = [...units].some((unit) => unit !== orderLine.unit);
  if (unitDiffers) {
    found.push(
      discrepancy('unitDifferent', {
        ...common,
        expected: orderLine.unit,
        actual: [...units].join(', '),
        against: 'ordered',
        message: `${label}: acknowledged in ${[...units].join(', ')}, ordered in ${orderLine.unit}; quantities are not compared`,
      }),
    );
  }
  if (acknowledged.rejectedQuantity > 0) {
    found.push(
      discrepancy('rejected', {
        ...common,
        expected: orderLine.quantity,
        actual: acknowledged.rejectedQuantity,
        against: 'ordered',
        message: `${label}: ${acknowledged.rejectedQuantity} of ${orderLine.quantity} rejected (${statuses.map((status) => status.code).join(', ') || ackType})`,
      }),
    );
  }
  if (acknowledged.backorderedQuantity > 0) {
    found.push(
      discrepancy('backordered', {
        ...common,
        expected: orderLine.quantity,
        actual: acknowledged.backorderedQuantity,
        against: 'ordered',
        message: `${label}: ${acknowledged.backorderedQuantity} backordered`,
      }),
    );
  }
  if (!unitDiffers) {
    const answered =
      acknowledged.quantity +
      acknowledged.backorderedQuantity +
      acknowledged.heldQuantity +
      acknowledged.rejectedQuantity;
    const coming = acknowledged.quantity + acknowledged.backorderedQuantity + acknowledged.heldQuantity;
    if (answered < orderLine.quantity) {
      found.push(
        discrepancy('quantityShort', {
          ...common,
          expected: orderLine.quantity,
          actual: acknowledged.quantity,
          against: 'ordered',
          message: `${label}: ${acknowledged.quantity} accepted of ${orderLine.quantity} ordered`,
        }),
      );
    } else if (coming > orderLine.quantity) {
      found.push(
        discrepancy('quantityOver', {
          ...common,
          expected: orderLine.quantity,
          actual: coming,
          against: 'ordered',
          message: `${label}: ${coming} acknowledged, ${orderLine.quantity} ordered`,
        }),
      );
    }
  }
  // A price on a line that will not come at all (rejected outright) means nothing; 0 is common there.
  const anythingComing =
    acknowledged.quantity + acknowledged.backorderedQuantity + acknowledged.heldQuantity > 0;
  if (anythingComing) {
    entries.forEach((entry, position) => {
      const price = entry.line.unitPrice;
      if (price === null || sameAmount(price, orderPrice(orderLine))) return;
      found.push(
        discrepancy('priceDifferent', {
          ...common,
          documentLineNo: lineNos[position] ?? null,
          expected: priceText(orderPrice(orderLine)),
          actual: priceText(price),
          against: 'ordered',
          message: `${label}: acknowledged at ${priceText(price)}, ordered at ${priceText(orderPrice(orderLine))}`,
        }),
      );
    });
  }
  return {
    orderLineNo: orderLine.lineNo,
    documentLineNos: lineNos,
    item: orderItem(orderLine),
    ordered: { quantity: orderLine.quantity, unit: orderLine.unit, unitPrice: orderPrice(orderLine) },
    acknowledged,
    discrepancies: found,
  };
}
