import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gs1CheckDigit } from '../barcode/check-digits.js';
import {
  ediBatchSchema,
  ediDocumentSchema,
  ediErrorCodes,
  type Address,
  type EnvelopeOptions,
  type OrderLine,
  type Party,
  type PurchaseOrder,
} from './contract.js';
import { decimalText } from './decimal.js';
import { generate850, matchInvoice, orderFromParsed850, parse810, parse850, parseEdi } from './index.js';
import { interchangeOf } from './test-fixtures.js';

// ------------------------------------------------------------------------------------------ arbitraries

const textCharacters = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
].filter((ch) => !'*>~^'.includes(ch));

function x12Text(min: number, max: number) {
  return fc
    .string({ unit: fc.constantFrom(...textCharacters), minLength: min, maxLength: max })
    .map((text) => text.trim())
    .filter((text) => text.length >= min);
}

const code = (length: number) =>
  fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
    minLength: length,
    maxLength: length,
  });
const isoDate = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

const address: fc.Arbitrary<Address> = fc.record(
  {
    lines: fc.array(x12Text(1, 55), { minLength: 1, maxLength: 4 }),
    city: x12Text(2, 30),
    region: code(2),
    postalCode: x12Text(3, 15),
    country: fc.constantFrom('US', 'CA', 'GB', 'DEU'),
  },
  { requiredKeys: ['lines', 'city'] },
);

const party = (withAddress: boolean): fc.Arbitrary<Party> =>
  fc.record(
    {
      name: x12Text(1, 60),
      idQualifier: fc.constantFrom('1', '9', '91', '92', 'UL', 'ZZ'),
      id: x12Text(2, 80),
      address,
    },
    { requiredKeys: withAddress ? ['name', 'idQualifier', 'id', 'address'] : ['name', 'idQualifier', 'id'] },
  );

const gtin14 = fc
  .tuple(
    fc.constantFrom(7, 11, 12, 13),
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 13, maxLength: 13 }),
  )
  .map(([bodyLength, digits]) => {
    const body = digits.slice(0, bodyLength);
    return `${body}${gs1CheckDigit(body)}`.padStart(14, '0');
  });

const currencies = { USD: 2, EUR: 2, GBP: 2, JPY: 0, KWD: 3, CHF: 2 } as const;
type Currency = keyof typeof currencies;

const lineWithoutNumber = (currency: Currency) =>
  fc
    .record(
      {
        quantity: fc.integer({ min: 1, max: 100_000 }),
        unit: fc.constantFrom('EA', 'BX', 'PK', 'CA', 'BO', 'UN'),
        unitPriceMinor: fc.integer({ min: 0, max: 1_000_000 }),
        currencyExponent: fc.integer({ min: currencies[currency], max: currencies[currency] + 3 }),
        gtin: gtin14,
        ndc: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 11 }),
        supplierSku: x12Text(1, 48),
        description: x12Text(1, 80),
      },
      { requiredKeys: ['quantity', 'unit', 'unitPriceMinor', 'currencyExponent', 'description'] },
    )
    .map((line) =>
      (line.gtin ?? line.ndc ?? line.supplierSku) === undefined ? { ...line, supplierSku: 'SKU' } : line,
    );

const order: fc.Arbitrary<PurchaseOrder> = fc
  .constantFrom(...(Object.keys(currencies) as Currency[]))
  .chain((currency) =>
    fc.record(
      {
        poNumber: x12Text(1, 22),
        orderDate: isoDate,
        buyer: party(false),
        supplier: party(false),
        shipTo: party(true) as fc.Arbitrary<PurchaseOrder['shipTo']>,
        currency: fc.constant(currency),
        requestedDeliveryDate: isoDate,
        references: fc.array(
          fc.record({ qualifier: fc.constantFrom('DP', 'IA', 'CR', 'ZZZ'), value: x12Text(1, 30) }),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        lines: fc
          .uniqueArray(fc.integer({ min: 1, max: 999_999 }), { minLength: 1, maxLength: 12 })
          .chain((numbers) =>
            fc.tuple(
              ...numbers.map((lineNo) =>
                lineWithoutNumber(currency).map((line): OrderLine => ({ lineNo, ...line })),
              ),
            ),
          ),
      },
      { requiredKeys: ['poNumber', 'orderDate', 'buyer', 'supplier', 'shipTo', 'currency', 'lines'] },
    ),
  );

const envelope: fc.Arbitrary<EnvelopeOptions> = fc.record({
  sender: fc.record({ qualifier: fc.constantFrom('ZZ', '01', '08', '12', '14'), id: x12Text(2, 15) }),
  receiver: fc.record({ qualifier: fc.constantFrom('ZZ', '01', '08', '12', '14'), id: x12Text(2, 15) }),
  interchangeControlNumber: fc.integer({ min: 1, max: 999_999_999 }),
  groupControlNumber: fc.integer({ min: 1, max: 999_999_999 }),
  transactionControlNumber: fc.integer({ min: 1, max: 999_999_999 }),
  createdAtMs: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31, 23, 59) }),
  usage: fc.constantFrom('P' as const, 'T' as const),
  acknowledgmentRequested: fc.boolean(),
});

// ------------------------------------------------------------------------------------------ round trip

describe('850 round trip', () => {
  it('parses every generated order back to the same order and the same envelope numbers', () => {
    fc.assert(
      fc.property(order, envelope, fc.boolean(), (input, numbers, lineBreaks) => {
        const written = generate850(input, numbers, { lineBreaks });
        if (!written.ok) throw new Error(JSON.stringify(written.error));
        const parsed = parse850(written.value);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
        expect(orderFromParsed850(parsed.value.documents[0]!.document)).toEqual({ ok: true, value: input });
        expect(parsed.value.interchange).toMatchObject({
          senderQualifier: numbers.sender.qualifier,
          senderId: numbers.sender.id,
          receiverQualifier: numbers.receiver.qualifier,
          receiverId: numbers.receiver.id,
          controlNumber: numbers.interchangeControlNumber,
          usage: numbers.usage,
          acknowledgmentRequested: numbers.acknowledgmentRequested,
        });
        expect(parsed.value.groups[0]?.controlNumber).toBe(numbers.groupControlNumber);
        expect(Number(parsed.value.documents[0]?.transactionControlNumber)).toBe(
          numbers.transactionControlNumber,
        );
      }),
      { seed: 850, numRuns: 300 },
    );
  });
});

// ------------------------------------------------------------------------------------------ corruption

type Mutation =
  | { kind: 'replace'; at: number; ch: string }
  | { kind: 'delete'; at: number }
  | { kind: 'insert'; at: number; ch: string }
  | { kind: 'truncate'; at: number };

const noise = fc.constantFrom(
  '*',
  '~',
  '>',
  '\n',
  '\r',
  '0',
  '9',
  'A',
  'z',
  ' ',
  '\x00',
  '\x1d',
  '-',
  '.',
  'é',
  'S',
  'E',
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), ch: noise }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), ch: noise }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function corrupt(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const change of mutations) {
    const at = out.length === 0 ? 0 : change.at % out.length;
    if (change.kind === 'replace') out = out.slice(0, at) + change.ch + out.slice(at + 1);
    else if (change.kind === 'delete') out = out.slice(0, at) + out.slice(at + 1);
    else if (change.kind === 'insert') out = out.slice(0, at) + change.ch + out.slice(at);
    else out = out.slice(0, at);
  }
  return out;
}

const batchSchema = ediBatchSchema(ediDocumentSchema);

function checkOutcome(text: string): 'parsed' | 'refused' {
  const result = parseEdi(text, { currency: 'USD' });
  if (result.ok) {
    const valid = batchSchema.safeParse(result.value);
    if (!valid.success) throw new Error(`parsed to an invalid document: ${valid.error.message}`);
    return 'parsed';
  }
  expect(ediErrorCodes).toContain(result.error.code);
  expect(result.error.message.length).toBeGreaterThan(0);
  if (result.error.code !== 'edi.empty' && result.error.code !== 'edi.inputTooLarge') {
    expect(result.error.details.segment).toBeGreaterThanOrEqual(1);
    expect(result.error.details.line).toBeGreaterThanOrEqual(1);
  }
  return 'refused';
}

const sampleTexts = [
  'node-x12_850.edi',
  'node-x12_850_2.edi',
  'node-x12_855.edi',
  'edi801_sample_810.edi',
].map((name) => readFileSync(new URL(`../../../../shared/data/edi/${name}`, import.meta.url), 'utf8'));

describe('corrupted documents', () => {
  it('never throw: a corrupted generated order is refused with a located, coded error or parses to a valid document', () => {
    const outcomes = { parsed: 0, refused: 0 };
    fc.assert(
      fc.property(
        order,
        envelope,
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (input, numbers, mutations) => {
          const written = generate850(input, numbers);
          if (!written.ok) throw new Error(JSON.stringify(written.error));
          outcomes[checkOutcome(corrupt(written.value, mutations))]++;
        },
      ),
      { seed: 1729, numRuns: 400 },
    );
    // Both outcomes occur: a changed letter in a description still parses, a broken count does not.
    expect(outcomes.parsed).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it('never throw on corrupted public samples (850, 855, 810)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sampleTexts),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (text, mutations) => {
          checkOutcome(corrupt(text, mutations));
        },
      ),
      { seed: 2024, numRuns: 600 },
    );
  });

  it('never throw on arbitrary text, with or without an ISA in front', () => {
    const isa = sampleTexts[0]!.slice(0, 107);
    fc.assert(
      fc.property(fc.boolean(), fc.string({ maxLength: 300 }), (prefixed, text) => {
        checkOutcome(prefixed ? isa + text : text);
      }),
      { seed: 99, numRuns: 500 },
    );
  });
});

// ------------------------------------------------------------------------------------------ matching

/** An 810 that bills exactly `order` (two-decimal currencies only: TDS has two implied decimals). */
function invoiceFor(input: PurchaseOrder, change?: { index: number; quantity: number }): string {
  let total = 0n;
  const lines = input.lines.map((line, index) => {
    const quantity = change?.index === index ? change.quantity : line.quantity;
    total += BigInt(quantity) * BigInt(line.unitPriceMinor) * 10n ** BigInt(4 - line.currencyExponent);
    const ids = [
      line.gtin === undefined ? '' : `*UK*${line.gtin}`,
      line.ndc === undefined ? '' : `*N4*${line.ndc}`,
      line.supplierSku === undefined ? '' : `*VN*${line.supplierSku}`,
    ].join('');
    return `IT1*${line.lineNo}*${quantity}*${line.unit}*${decimalText(line.unitPriceMinor, line.currencyExponent)}*${ids}`;
  });
  const tds = total / 100n;
  return interchangeOf('810', [
    `BIG*20240310*INV-1**${input.poNumber}`,
    `CUR*SE*${input.currency}`,
    ...lines,
    `TDS*${tds}`,
  ]);
}

describe('invoice matching', () => {
  const twoDecimalOrder = order.map((input): PurchaseOrder => ({
    ...input,
    currency: 'USD',
    lines: input.lines.map((line) => ({ ...line, currencyExponent: 2 })),
  }));

  it('finds no discrepancy in an invoice that bills exactly the order, and exactly one when one quantity differs', () => {
    fc.assert(
      fc.property(twoDecimalOrder, fc.nat(), fc.integer({ min: 1, max: 50 }), (input, pick, delta) => {
        const exact = parse810(invoiceFor(input));
        if (!exact.ok) throw new Error(JSON.stringify(exact.error));
        const matched = matchInvoice(input, exact.value.documents[0]!.document);
        expect(matched.ok && matched.value.discrepancies).toEqual([]);

        const index = pick % input.lines.length;
        const target = input.lines[index]!;
        const changed = parse810(invoiceFor(input, { index, quantity: target.quantity + delta }));
        if (!changed.ok) throw new Error(JSON.stringify(changed.error));
        const off = matchInvoice(input, changed.value.documents[0]!.document);
        expect(off.ok && off.value.discrepancies.map((found) => [found.kind, found.orderLineNo])).toEqual([
          ['quantityOver', target.lineNo],
        ]);
      }),
      { seed: 810, numRuns: 150 },
    );
  });
});
