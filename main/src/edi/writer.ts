// Writes X12 with the separators Mortar always uses (element *, sub-element >, segment ~) and the fixed-width
// ISA that lets the receiver find them. Text was checked against the contract, so no separator can occur in
// an element and nothing needs escaping (X12 has no escape).
import type { EnvelopeOptions } from './contract.js';

export const WRITE_DELIMITERS = { element: '*', subElement: '>', segment: '~' } as const;

export type WriteOptions = {
  /** A line feed after each segment terminator, for people reading the file (default true). */
  lineBreaks?: boolean;
};

/** Joins a segment's elements, dropping trailing empty ones as X12 asks. */
export function segmentText(elements: readonly (string | number | null | undefined)[]): string {
  const values = elements.map((value) => (value === null || value === undefined ? '' : String(value)));
  while (values.length > 1 && values[values.length - 1] === '') values.pop();
  return values.join(WRITE_DELIMITERS.element);
}

function utcParts(ms: number) {
  const date = new Date(ms);
  const two = (value: number) => String(value).padStart(2, '0');
  return {
    ccyymmdd: `${date.getUTCFullYear()}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}`,
    yymmdd: `${two(date.getUTCFullYear() % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}`,
    hhmm: `${two(date.getUTCHours())}${two(date.getUTCMinutes())}`,
  };
}

/** ST02: the caller's number, at least four digits as ST02 requires. */
export function transactionControl(envelope: EnvelopeOptions): string {
  return String(envelope.transactionControlNumber).padStart(4, '0');
}

/**
 * Wraps one transaction set (its segments from ST to SE) in GS/GE and ISA/IEA. The ISA's fields are padded
 * to their fixed widths; that is what makes the separators readable from it.
 */
export function wrapInterchange(
  functionalId: string,
  transaction: readonly string[],
  envelope: EnvelopeOptions,
  options: WriteOptions,
): string {
  const when = utcParts(envelope.createdAtMs);
  const interchangeControl = String(envelope.interchangeControlNumber).padStart(9, '0');
  const isa = [
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    envelope.sender.qualifier,
    envelope.sender.id.padEnd(15, ' '),
    envelope.receiver.qualifier,
    envelope.receiver.id.padEnd(15, ' '),
    when.yymmdd,
    when.hhmm,
    'U',
    '00401',
    interchangeControl,
    envelope.acknowledgmentRequested === true ? '1' : '0',
    envelope.usage,
    WRITE_DELIMITERS.subElement,
  ].join(WRITE_DELIMITERS.element);
  const segments = [
    isa,
    segmentText([
      'GS',
      functionalId,
      envelope.applicationSender ?? envelope.sender.id,
      envelope.applicationReceiver ?? envelope.receiver.id,
      when.ccyymmdd,
      when.hhmm,
      envelope.groupControlNumber,
      'X',
      '004010',
    ]),
    ...transaction,
    segmentText(['GE', 1, envelope.groupControlNumber]),
    segmentText(['IEA', 1, interchangeControl]),
  ];
  const end = WRITE_DELIMITERS.segment + (options.lineBreaks === false ? '' : '\n');
  return segments.map((segment) => segment + end).join('');
}
