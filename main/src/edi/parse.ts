// The entry points for supplier files: text in, a whole interchange of typed documents out, or one coded
// error naming the segment and line at fault. Nothing half-parsed is returned: the first fault anywhere in
// the file refuses all of it, as a trading partner's translator would.
import type {
  EdiBatch,
  EdiDocument,
  EdiResult,
  Invoice,
  ParsedPurchaseOrder,
  PurchaseOrderAcknowledgement,
} from './contract.js';
import { readInterchange, type RawTransaction } from './envelope.js';
import { at, attempt, fail, where } from './errors.js';
import { locationOf } from './elements.js';
import { read810 } from './read-810.js';
import { read850, type ReadOptions } from './read-850.js';
import { read855 } from './read-855.js';
import { tokenize, type TokenizeOptions } from './tokenizer.js';

export type ParseOptions = TokenizeOptions & ReadOptions;

type Readers = {
  '850': ParsedPurchaseOrder;
  '855': PurchaseOrderAcknowledgement;
  '810': Invoice;
};
type SupportedType = keyof Readers;

const readers: { [K in SupportedType]: (transaction: RawTransaction, options: ReadOptions) => Readers[K] } = {
  '850': read850,
  '855': read855,
  '810': read810,
};

const names: Readonly<Record<SupportedType, string>> = {
  '850': 'Purchase Order',
  '855': 'Purchase Order Acknowledgment',
  '810': 'Invoice',
};

function isSupported(type: string): type is SupportedType {
  return type === '850' || type === '855' || type === '810';
}

function parseAs<T>(
  text: string,
  options: ParseOptions,
  accept: readonly SupportedType[],
): EdiResult<EdiBatch<T>> {
  return attempt(() => {
    const interchange = readInterchange(tokenize(text, options));
    const documents = interchange.transactions.map((transaction) => {
      const st = transaction.segments[0];
      const type = transaction.type;
      if (!isSupported(type) || !accept.includes(type)) {
        const wanted = accept.map((code) => `${code} ${names[code]}`).join(', ');
        fail(
          'edi.unsupportedTransaction',
          `${st === undefined ? 'ST' : where(locationOf(st))}: transaction set ${type} is not read here (expected ${wanted})`,
          st === undefined ? { value: type } : at(locationOf(st), { element: 'ST01', value: type }),
        );
      }
      const document = readers[type](transaction, options) as T;
      return {
        groupControlNumber: transaction.groupControlNumber,
        transactionControlNumber: transaction.controlNumber,
        document,
      };
    });
    return { interchange: interchange.header, groups: interchange.groups, documents };
  });
}

/** Any 850, 855 or 810 interchange; each document says its `type`. */
export function parseEdi(text: string, options: ParseOptions = {}): EdiResult<EdiBatch<EdiDocument>> {
  return parseAs<EdiDocument>(text, options, ['850', '855', '810']);
}

/** An interchange of 850 Purchase Orders only. */
export function parse850(text: string, options: ParseOptions = {}): EdiResult<EdiBatch<ParsedPurchaseOrder>> {
  return parseAs<ParsedPurchaseOrder>(text, options, ['850']);
}

/** An interchange of 855 Purchase Order Acknowledgments only. */
export function parse855(
  text: string,
  options: ParseOptions = {},
): EdiResult<EdiBatch<PurchaseOrderAcknowledgement>> {
  return parseAs<PurchaseOrderAcknowledgement>(text, options, ['855']);
}

/** An interchange of 810 Invoices only. */
export function parse810(text: string, options: ParseOptions = {}): EdiResult<EdiBatch<Invoice>> {
  return parseAs<Invoice>(text, options, ['810']);
}
