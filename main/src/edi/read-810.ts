// Reads an 810 Invoice: lines with quantities and prices, allowances and charges, taxes, terms and the
// total the supplier asks for, all as exact minor units, so the invoice can be matched before it is paid.
import type { AllowanceCharge, Carrier, Invoice, InvoiceLine, Tax, Terms } from './contract.js';
import {
  badElement,
  checkElementCount,
  optionalCode,
  optionalCount,
  optionalDate,
  optionalDecimal,
  optionalImplied,
  optionalPercent,
  optionalText,
  requiredCode,
  requiredDate,
  requiredText,
} from './elements.js';
import type { RawTransaction } from './envelope.js';
import { bodyOf, type ReadOptions } from './read-850.js';
import {
  checkLineCount,
  currencyExponent,
  joinDescriptions,
  readCurrency,
  readDate,
  readDescription,
  readLineItem,
  readParties,
  readReference,
  readTotals,
} from './read-common.js';
import { splitAreas } from './structure.js';
import type { Segment } from './tokenizer.js';

export function read810(transaction: RawTransaction, options: ReadOptions): Invoice {
  const { st, se, body } = bodyOf(transaction);
  const areas = splitAreas('810', st, se, body);
  const big = areas.heading[0] as Segment;
  checkElementCount(big, 10);
  const invoice: Invoice = {
    type: '810',
    invoiceDate: requiredDate(big, 1),
    invoiceNumber: requiredText(big, 2, { max: 22 }),
    poDate: optionalDate(big, 3),
    poNumber: optionalText(big, 4, { max: 22 }),
    releaseNumber: optionalText(big, 5, { max: 30 }),
    currency: null,
    notes: [],
    references: [],
    dates: [],
    parties: [],
    terms: [],
    lines: [],
    total: { minor: 0, exponent: 2 },
    amountSubjectToDiscount: null,
    discountedAmountDue: null,
    termsDiscount: null,
    taxes: [],
    charges: [],
    carrier: null,
    lineCount: null,
    hashTotal: null,
  };

  const heading = readParties(areas.heading.slice(1));
  invoice.parties = heading.parties;
  let exponent = currencyExponent(options.currency ?? null);
  for (const segment of heading.rest) {
    if (segment.id === 'CUR' && invoice.currency === null) {
      const read = readCurrency(segment);
      invoice.currency = read.currency;
      exponent = read.exponent;
    } else if (segment.id === 'REF') invoice.references.push(readReference(segment));
    else if (segment.id === 'DTM') invoice.dates.push(readDate(segment));
    else if (segment.id === 'NTE') {
      optionalCode(segment, 1, { min: 3, max: 3 });
      invoice.notes.push(requiredText(segment, 2, { max: 80 }));
    } else if (segment.id === 'ITD') invoice.terms.push(readTerms(segment, exponent));
  }

  for (const loop of areas.lines) {
    const line: InvoiceLine = {
      ...readLineItem(loop[0] as Segment, exponent),
      charges: [],
      taxes: [],
      dates: [],
    };
    for (const segment of loop.slice(1)) {
      if (segment.id === 'PID')
        line.description = joinDescriptions(line.description, readDescription(segment));
      else if (segment.id === 'SAC') line.charges.push(readAllowanceCharge(segment, exponent));
      else if (segment.id === 'TXI') line.taxes.push(readTax(segment, exponent));
      else if (segment.id === 'DTM') line.dates.push(readDate(segment));
    }
    invoice.lines.push(line);
  }

  let ctt: Segment | null = null;
  for (const segment of areas.summary) {
    if (segment.id === 'TDS') {
      checkElementCount(segment, 4);
      invoice.total = optionalImplied(segment, 1, 2, exponent) ?? badElement(segment, 1, 'is required');
      invoice.amountSubjectToDiscount = optionalImplied(segment, 2, 2, exponent);
      invoice.discountedAmountDue = optionalImplied(segment, 3, 2, exponent);
      invoice.termsDiscount = optionalImplied(segment, 4, 2, exponent);
    } else if (segment.id === 'TXI') invoice.taxes.push(readTax(segment, exponent));
    else if (segment.id === 'SAC') invoice.charges.push(readAllowanceCharge(segment, exponent));
    else if (segment.id === 'CAD') invoice.carrier ??= readCarrier(segment);
    else if (segment.id === 'CTT') {
      ctt = segment;
      const totals = readTotals(segment);
      invoice.lineCount = totals.lineCount;
      invoice.hashTotal = totals.hashTotal;
    }
  }
  checkLineCount(ctt, invoice.lineCount, invoice.lines.length);
  return invoice;
}

function readTerms(segment: Segment, exponent: number): Terms {
  return {
    typeCode: optionalCode(segment, 1, { min: 2, max: 2 }),
    basisDateCode: optionalCode(segment, 2, { min: 1, max: 2 }),
    discountPercent: optionalPercent(segment, 3),
    discountDueDate: optionalDate(segment, 4),
    discountDaysDue: optionalCount(segment, 5, 3),
    netDueDate: optionalDate(segment, 6),
    netDays: optionalCount(segment, 7, 3),
    discountAmount: optionalImplied(segment, 8, 2, exponent),
    description: optionalText(segment, 12, { max: 80 }),
  };
}

function readAllowanceCharge(segment: Segment, exponent: number): AllowanceCharge {
  const indicator = requiredCode(segment, 1, { min: 1, max: 1 }, ['A', 'C', 'N']) as 'A' | 'C' | 'N';
  return {
    indicator,
    code: optionalCode(segment, 2, { min: 4, max: 4 }),
    amount: optionalImplied(segment, 5, 2, exponent),
    percent: optionalPercent(segment, 7),
    description: optionalText(segment, 15, { max: 80 }),
  };
}

function readTax(segment: Segment, exponent: number): Tax {
  return {
    typeCode: requiredCode(segment, 1, { min: 2, max: 2 }),
    amount: optionalDecimal(segment, 2, { minExponent: exponent, allowNegative: true }),
    percent: optionalPercent(segment, 3),
  };
}

function readCarrier(segment: Segment): Carrier {
  return {
    transportMethod: optionalCode(segment, 1, { min: 1, max: 2 }),
    scac: optionalText(segment, 4, { min: 2, max: 4 }),
    routing: optionalText(segment, 5, { max: 35 }),
    referenceQualifier: optionalCode(segment, 7, { min: 2, max: 3 }),
    reference: optionalText(segment, 8, { max: 30 }),
  };
}
