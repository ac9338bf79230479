// The envelope is what proves a file arrived whole (X12.6 interchange control structure): every ISA has its
// IEA with the same control number and the count of its groups, every GS its GE with the same number and the
// count of its sets, every ST its SE with the same number and the count of its segments. A file that fails
// any of these is refused as a whole, at the segment where the fault shows.
import type { GroupHeader, InterchangeHeader } from './contract.js';
import { at, fail, hasControlCharacter, where } from './errors.js';
import {
  badElement,
  checkElementCount,
  locationOf,
  raw,
  requiredCode,
  requiredCount,
  requiredDate,
  requiredText,
  shortDate,
  time,
} from './elements.js';
import type { Segment, Tokens } from './tokenizer.js';

/** One transaction set as it stood in the file, ST to SE inclusive. */
export type RawTransaction = {
  type: string;
  controlNumber: string;
  groupControlNumber: number;
  functionalId: string;
  segments: Segment[];
};

export type Interchange = {
  header: InterchangeHeader;
  groups: GroupHeader[];
  transactions: RawTransaction[];
};

/** GS01 that each transaction set must travel under. */
const functionalIds: Readonly<Record<string, string>> = {
  '810': 'IN',
  '850': 'PO',
  '855': 'PR',
  '856': 'SH',
  '860': 'PC',
  '865': 'CA',
  '832': 'SC',
  '846': 'IB',
  '997': 'FA',
};

export function readInterchange(tokens: Tokens): Interchange {
  const segments = tokens.segments;
  const isa = segments[0];
  if (isa === undefined || isa.id !== 'ISA') fail('edi.badEnvelope', 'an interchange begins with ISA');
  const header = readIsa(isa, tokens);

  const groups: GroupHeader[] = [];
  const transactions: RawTransaction[] = [];
  let index = 1;
  let iea: Segment | undefined;
  while (index < segments.length) {
    const segment = segments[index] as Segment;
    if (segment.id === 'IEA') {
      iea = segment;
      index++;
      break;
    }
    if (segment.id === 'ISA') {
      fail(
        'edi.missingSegment',
        `${where(locationOf(segment))}: IEA is missing before the next ISA`,
        at(locationOf(segment), { missing: 'IEA' }),
      );
    }
    if (segment.id !== 'GS') {
      fail(
        'edi.badEnvelope',
        `${where(locationOf(segment))}: expected GS (a functional group) or IEA, found ${segment.id}`,
        at(locationOf(segment), { expected: 'GS' }),
      );
    }
    index = readGroup(segments, index, groups, transactions);
  }

  const last = segments[segments.length - 1] as Segment;
  if (iea === undefined) {
    fail(
      'edi.missingSegment',
      `the file ends after ${where(locationOf(last))} without IEA: the interchange is incomplete`,
      {
        segment: last.segment + 1,
        line: last.line,
        segmentId: 'IEA',
        missing: 'IEA',
      },
    );
  }
  if (index < segments.length) {
    const extra = segments[index] as Segment;
    fail(
      'edi.badEnvelope',
      `${where(locationOf(extra))}: data after IEA; one interchange per file`,
      at(locationOf(extra)),
    );
  }
  checkElementCount(iea, 2);
  const groupCount = requiredCount(iea, 1, 5);
  if (groupCount !== groups.length) {
    fail(
      'edi.groupCountMismatch',
      `${where(locationOf(iea))}: IEA01 says ${groupCount} functional groups, the interchange has ${groups.length}`,
      at(locationOf(iea), { element: 'IEA01', expected: groups.length, actual: groupCount }),
    );
  }
  const ieaControl = raw(iea, 2);
  if (!/^\d{9}$/.test(ieaControl))
    badElement(iea, 2, 'must be the 9-digit interchange control number', ieaControl);
  if (Number(ieaControl) !== header.controlNumber || ieaControl !== raw(isa, 13)) {
    fail(
      'edi.controlNumberMismatch',
      `${where(locationOf(iea))}: IEA02 ${ieaControl} does not match ISA13 ${raw(isa, 13)}`,
      at(locationOf(iea), { element: 'IEA02', expected: raw(isa, 13), actual: ieaControl }),
    );
  }
  if (groups.length === 0) {
    fail(
      'edi.badEnvelope',
      `${where(locationOf(iea))}: the interchange holds no functional group`,
      at(locationOf(iea)),
    );
  }
  return { header, groups, transactions };
}

function readIsa(isa: Segment, tokens: Tokens): InterchangeHeader {
  if (isa.elements.length !== 17) {
    fail(
      'edi.badSeparators',
      `${where(locationOf(isa))}: an ISA field holds the element separator, so the ISA has ${isa.elements.length - 1} elements instead of 16`,
      at(locationOf(isa), { expected: 16, actual: isa.elements.length - 1 }),
    );
  }
  const version = raw(isa, 12);
  if (version !== '00400' && version !== '00401') {
    fail(
      'edi.unsupportedVersion',
      `${where(locationOf(isa))}: ISA12 is ${version}; this module reads X12 004010 interchanges (00400 or 00401)`,
      at(locationOf(isa), { element: 'ISA12', value: version }),
    );
  }
  const code = (index: number, pattern: RegExp, what: string): string => {
    const value = raw(isa, index);
    if (!pattern.test(value) || hasControlCharacter(value)) badElement(isa, index, what, value);
    return value;
  };
  const authorizationQualifier = code(1, /^\d{2}$/, 'must be a two-digit authorization qualifier');
  const authorization = code(2, /^.{10}$/, 'must be 10 characters');
  const securityQualifier = code(3, /^\d{2}$/, 'must be a two-digit security qualifier');
  const security = code(4, /^.{10}$/, 'must be 10 characters');
  const senderQualifier = code(5, /^[A-Z0-9]{2}$/, 'must be a two-character id qualifier');
  const senderId = code(6, /^[^ ].{14}$/, 'must be the sender id, padded to 15 characters').trimEnd();
  const receiverQualifier = code(7, /^[A-Z0-9]{2}$/, 'must be a two-character id qualifier');
  const receiverId = code(8, /^[^ ].{14}$/, 'must be the receiver id, padded to 15 characters').trimEnd();
  const date = shortDate(isa, 9);
  const clock = time(isa, 10, false);
  code(11, /^U$/, 'must be U (the X12 standards identifier) in version 00401');
  const controlNumber = Number(code(13, /^\d{9}$/, 'must be the 9-digit interchange control number'));
  const acknowledgmentRequested = code(14, /^[01]$/, 'must be 0 or 1') === '1';
  const usage = code(15, /^[PTI]$/, 'must be P (production), T (test) or I (information)') as 'P' | 'T' | 'I';
  return {
    authorizationQualifier,
    authorization,
    securityQualifier,
    security,
    senderQualifier,
    senderId,
    receiverQualifier,
    receiverId,
    date,
    time: clock,
    version,
    controlNumber,
    acknowledgmentRequested,
    usage,
    delimiters: tokens.delimiters,
  };
}

/** Reads GS … GE starting at `start`; returns the index after GE. */
function readGroup(
  segments: Segment[],
  start: number,
  groups: GroupHeader[],
  transactions: RawTransaction[],
): number {
  const gs = segments[start] as Segment;
  checkElementCount(gs, 8);
  const group: GroupHeader = {
    functionalId: requiredCode(gs, 1, { min: 2, max: 2 }),
    applicationSender: requiredText(gs, 2, { min: 2, max: 15 }),
    applicationReceiver: requiredText(gs, 3, { min: 2, max: 15 }),
    date: requiredDate(gs, 4),
    time: time(gs, 5, true),
    controlNumber: requiredCount(gs, 6, 9),
    version: '',
  };
  requiredCode(gs, 7, { min: 1, max: 2 }, ['X', 'T']);
  group.version = requiredText(gs, 8, { min: 1, max: 12 });
  if (!group.version.startsWith('004010')) {
    fail(
      'edi.unsupportedVersion',
      `${where(locationOf(gs))}: GS08 is ${group.version}; this module reads X12 004010`,
      at(locationOf(gs), { element: 'GS08', value: group.version }),
    );
  }
  groups.push(group);

  const seen = new Set<string>();
  let count = 0;
  let index = start + 1;
  while (true) {
    const segment = segments[index];
    if (segment === undefined) {
      const last = segments[segments.length - 1] as Segment;
      fail(
        'edi.missingSegment',
        `the file ends after ${where(locationOf(last))} without GE for the group opened at ${where(locationOf(gs))}`,
        {
          segment: last.segment + 1,
          line: last.line,
          segmentId: 'GE',
          missing: 'GE',
        },
      );
    }
    if (segment.id === 'GE') {
      checkElementCount(segment, 2);
      const declared = requiredCount(segment, 1, 6);
      if (declared !== count) {
        fail(
          'edi.transactionCountMismatch',
          `${where(locationOf(segment))}: GE01 says ${declared} transaction sets, the group has ${count}`,
          at(locationOf(segment), { element: 'GE01', expected: count, actual: declared }),
        );
      }
      const control = requiredCount(segment, 2, 9);
      if (control !== group.controlNumber) {
        fail(
          'edi.controlNumberMismatch',
          `${where(locationOf(segment))}: GE02 ${raw(segment, 2)} does not match GS06 ${raw(gs, 6)}`,
          at(locationOf(segment), { element: 'GE02', expected: raw(gs, 6), actual: raw(segment, 2) }),
        );
      }
      if (count === 0) {
        fail(
          'edi.badEnvelope',
          `${where(locationOf(segment))}: the functional group holds no transaction set`,
          at(locationOf(segment)),
        );
      }
      return index + 1;
    }
    if (segment.id !== 'ST') {
      const problem =
        segment.id === 'IEA' || segment.id === 'GS' || segment.id === 'ISA'
          ? 'missingSegment'
          : 'badEnvelope';
      if (problem === 'missingSegment') {
        fail(
          'edi.missingSegment',
          `${where(locationOf(segment))}: GE is missing before ${segment.id}`,
          at(locationOf(segment), { missing: 'GE' }),
        );
      }
      fail(
        'edi.badEnvelope',
        `${where(locationOf(segment))}: expected ST (a transaction set) or GE, found ${segment.id}`,
        at(locationOf(segment), { expected: 'ST' }),
      );
    }
    const transaction = readTransaction(segments, index, group);
    if (seen.has(transaction.controlNumber)) {
      fail(
        'edi.duplicateControlNumber',
        `${where(locationOf(segment))}: transaction set control number ${transaction.controlNumber} is used twice in group ${group.controlNumber}`,
        at(locationOf(segment), { element: 'ST02', value: transaction.controlNumber }),
      );
    }
    seen.add(transaction.controlNumber);
    transactions.push(transaction);
    count++;
    index += transaction.segments.length;
  }
}

const envelopeIds = new Set(['ISA', 'IEA', 'GS', 'GE', 'ST']);

function readTransaction(segments: Segment[], start: number, group: GroupHeader): RawTransaction {
  const st = segments[start] as Segment;
  checkElementCount(st, 2);
  const type = raw(st, 1);
  if (!/^\d{3}$/.test(type)) badElement(st, 1, 'must be a three-digit transaction set identifier', type);
  const controlNumber = requiredText(st, 2, { min: 4, max: 9 });
  const expectedGroup = functionalIds[type];
  if (expectedGroup !== undefined && expectedGroup !== group.functionalId) {
    fail(
      'edi.badEnvelope',
      `${where(locationOf(st))}: a ${type} travels in a functional group ${expectedGroup}, not ${group.functionalId}`,
      at(locationOf(st), { element: 'GS01', expected: expectedGroup, actual: group.functionalId }),
    );
  }
  let index = start + 1;
  while (true) {
    const segment = segments[index];
    if (segment === undefined) {
      const last = segments[segments.length - 1] as Segment;
      fail(
        'edi.missingSegment',
        `the file ends after ${where(locationOf(last))} without SE for the transaction set opened at ${where(locationOf(st))}`,
        {
          segment: last.segment + 1,
          line: last.line,
          segmentId: 'SE',
          missing: 'SE',
        },
      );
    }
    if (envelopeIds.has(segment.id)) {
      fail(
        'edi.missingSegment',
        `${where(locationOf(segment))}: SE is missing for the transaction set opened at ${where(locationOf(st))}`,
        at(locationOf(segment), { missing: 'SE' }),
      );
    }
    if (segment.id === 'SE') break;
    index++;
  }
  const se = segments[index] as Segment;
  checkElementCount(se, 2);
  const declared = requiredCount(se, 1, 10);
  const actual = index - start + 1;
  if (declared !== actual) {
    fail(
      'edi.segmentCountMismatch',
      `${where(locationOf(se))}: SE01 says ${declared} segments, the transaction set has ${actual} from ST to SE`,
      at(locationOf(se), { element: 'SE01', expected: actual, actual: declared }),
    );
  }
  const seControl = requiredText(se, 2, { min: 4, max: 9 });
  if (seControl !== controlNumber) {
    fail(
      'edi.controlNumberMismatch',
      `${where(locationOf(se))}: SE02 ${seControl} does not match ST02 ${controlNumber}`,
      at(locationOf(se), { element: 'SE02', expected: controlNumber, actual: seControl }),
    );
  }
  return {
    type,
    controlNumber,
    groupControlNumber: group.controlNumber,
    functionalId: group.functionalId,
    segments: segments.slice(start, index + 1),
  };
}
