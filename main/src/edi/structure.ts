// Which segments a transaction set may hold, and where (X12 004010 tables for 850, 855 and 810): a heading,
// line-item loops that each begin with PO1 or IT1, and a summary. A segment no table names is refused as
// unknown; one that stands outside its area (ACK before any PO1, BEG twice, PO1 after CTT) as out of order.
// The sets are unions over each area's loops, so the order inside a loop is not enforced: suppliers vary it
// (the sample 810 puts TXI after PID), and what is read from it does not depend on that order.
import { at, fail, where } from './errors.js';
import { locationOf } from './elements.js';
import type { Segment } from './tokenizer.js';

export type TransactionType = '850' | '855' | '810';

type Table = {
  beginning: string;
  heading: ReadonlySet<string>;
  lineStart: string;
  detail: ReadonlySet<string>;
  summary: ReadonlySet<string>;
  /** Mandatory segments besides the beginning one. */
  required: readonly string[];
};

const set = (ids: string): ReadonlySet<string> => new Set(ids.split(/\s+/).filter((id) => id !== ''));

const orderHeading = set(`CUR REF PER TAX FOB CTP PAM CSH TC2 SAC ITD DIS INC DTM LDT LIN SI PID MEA PWK PKG
  TD1 TD5 TD3 TD4 MAN PCT CTB TXI AMT FA1 FA2 N9 MSG N1 N2 N3 N4 NX2 G61 LM LQ SPI CB1 ADV MTX`);
const orderDetail = set(`PO1 LIN SI CUR CN1 PO3 CTP PAM MEA PID PWK PO4 REF PER SAC IT8 CSH ITD DIS INC TAX
  FOB SDQ IT3 DTM TC2 TD1 TD5 TD3 TD4 PCT MAN MSG SPI TXI CTB QTY SCH PKG LS LE LDT N9 N1 N2 N3 N4 NX2 SLN
  ADV AMT FA1 FA2 LM LQ G61 G53 CB1`);

const tables: Readonly<Record<TransactionType, Table>> = {
  '850': {
    beginning: 'BEG',
    heading: orderHeading,
    lineStart: 'PO1',
    detail: orderDetail,
    summary: set('CTT AMT'),
    required: ['PO1'],
  },
  '855': {
    beginning: 'BAK',
    heading: orderHeading,
    lineStart: 'PO1',
    detail: set([...orderDetail, 'ACK'].join(' ')),
    summary: set('CTT AMT'),
    required: [],
  },
  '810': {
    beginning: 'BIG',
    heading:
      set(`NTE CUR REF YNQ PER N1 N2 N3 N4 ITD DTM FOB PID MEA PWK PKG L7 BAL INC PAM LM LQ N9 MSG V1 R4
      FA1 FA2`),
    lineStart: 'IT1',
    detail:
      set(`CRC QTY CUR IT3 TXI CTP PAM MEA PID PWK PKG PO4 ITD REF YNQ PER IT8 DTM CAD L7 SR SAC SLN N1 N2
      N3 N4 LM LQ V1 R4 FA1 FA2`),
    summary: set('TDS TXI CAD AMT SAC ISS CTT'),
    required: ['TDS'],
  },
};

export type Areas = { heading: Segment[]; lines: Segment[][]; summary: Segment[] };

/**
 * Checks the body of a transaction set (ST and SE excluded) against its table and splits it into heading,
 * line loops and summary. `st` locates errors about segments that are missing altogether.
 */
export function splitAreas(type: TransactionType, st: Segment, se: Segment, body: Segment[]): Areas {
  const table = tables[type];
  const first = body[0];
  if (first === undefined || first.id !== table.beginning) {
    const found = first ?? se;
    fail(
      'edi.missingSegment',
      `${where(locationOf(found))}: a ${type} must begin with ${table.beginning} right after ST`,
      at(locationOf(found), { missing: table.beginning }),
    );
  }
  const areas: Areas = { heading: [first], lines: [], summary: [] };
  let area: 'heading' | 'detail' | 'summary' = 'heading';
  for (const segment of body.slice(1)) {
    const id = segment.id;
    const outOfOrder = (reason: string): never =>
      fail('edi.segmentOutOfOrder', `${where(locationOf(segment))}: ${reason}`, at(locationOf(segment)));
    if (id === table.beginning) outOfOrder(`${id} may appear only once, first after ST`);
    if (id === table.lineStart) {
      if (area === 'summary') outOfOrder(`${id} begins a line item and may not follow the summary`);
      area = 'detail';
      areas.lines.push([segment]);
      continue;
    }
    const known = table.heading.has(id) || table.detail.has(id) || table.summary.has(id);
    if (!known) {
      fail(
        'edi.unknownSegment',
        `${where(locationOf(segment))}: ${id} is not a segment of the ${type} transaction set`,
        at(locationOf(segment)),
      );
    }
    if (area === 'heading') {
      if (table.heading.has(id)) areas.heading.push(segment);
      else if (table.summary.has(id)) {
        area = 'summary';
        areas.summary.push(segment);
      } else outOfOrder(`${id} belongs to a line item and may only follow ${table.lineStart}`);
    } else if (area === 'detail') {
      if (table.detail.has(id)) areas.lines[areas.lines.length - 1]?.push(segment);
      else if (table.summary.has(id)) {
        area = 'summary';
        areas.summary.push(segment);
      } else outOfOrder(`${id} belongs to the heading and may not follow the line items`);
    } else if (table.summary.has(id)) {
      areas.summary.push(segment);
    } else {
      outOfOrder(`${id} may not follow the summary`);
    }
  }
  for (const required of table.required) {
    const present =
      required === table.lineStart
        ? areas.lines.length > 0
        : areas.summary.some((segment) => segment.id === required);
    if (!present) {
      fail(
        'edi.missingSegment',
        `${where(locationOf(se))}: the ${type} opened at ${where(locationOf(st))} has no ${required}`,
        at(locationOf(se), { missing: required }),
      );
    }
  }
  return areas;
}
