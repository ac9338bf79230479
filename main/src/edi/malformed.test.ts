import { describe, expect, it } from 'vitest';
import { generate850, parse850, parseEdi } from './index.js';
import { pharmacyOrder, testEnvelope } from './test-fixtures.js';

const ISA =
  'ISA*00*          *00*          *ZZ*MORTAR0001     *01*123456789      *240305*1430*U*00401*000000017*0*T*>';

/** An interchange around transaction sets whose ST/SE (with a correct count) this adds. */
function interchange(sets: string[][], options: { gs?: string; ge?: string; iea?: string } = {}): string {
  const body = sets.flatMap((set, index) => {
    const control = String(index + 1).padStart(4, '0');
    return [`ST*${set[0]}*${control}`, ...set.slice(1), `SE*${set.length + 1}*${control}`];
  });
  return [
    ISA,
    options.gs ?? 'GS*PO*MORTAR0001*123456789*20240305*1430*17*X*004010',
    ...body,
    options.ge ?? `GE*${sets.length}*17`,
    options.iea ?? 'IEA*1*000000017',
  ]
    .map((segment) => `${segment}~\n`)
    .join('');
}

const minimalOrder = ['850', 'BEG*00*SA*PO1**20240305', 'PO1*1*2*EA*1.50**VN*A1', 'PID*F****Item'];

function generated(): string {
  const result = generate850(pharmacyOrder(), testEnvelope);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function failure(text: string) {
  const result = parseEdi(text);
  if (result.ok) throw new Error('expected a rejection');
  return result.error;
}

describe('finding the separators in the ISA', () => {
  it('reads an interchange written with | as element, : as sub-element and ! as terminator', () => {
    const text = interchange([minimalOrder]).replaceAll('*', '|').replace('|>~', '|:~').replaceAll('~', '!');
    const result = parse850(text);
    expect(result.ok && result.value.interchange.delimiters).toEqual({
      element: '|',
      subElement: ':',
      segment: '!',
    });
    expect(result.ok && result.value.documents[0]?.document.lines[0]?.unitPrice).toEqual({
      minor: 150,
      exponent: 2,
    });
  });

  it('reads control characters as separators (GS, US and FS), as some translators write them', () => {
    const text = interchange([minimalOrder])
      .replaceAll('*', '\x1d')
      .replace('\x1d>~', '\x1d\x1f~')
      .replaceAll('~\n', '\x1c');
    const result = parse850(text);
    expect(result.ok && result.value.interchange.delimiters).toEqual({
      element: '\x1d',
      subElement: '\x1f',
      segment: '\x1c',
    });
  });

  it('accepts CR LF after each terminator and counts lines across them', () => {
    const text = interchange([minimalOrder]).replaceAll('\n', '\r\n');
    expect(parse850(text).ok).toBe(true);
    const broken = text.replace('PO1*1*2*EA*1.50', 'PO1*1*2.5*EA*1.50');
    expect(failure(broken)).toMatchObject({
      code: 'edi.badElement',
      details: { segment: 5, line: 5, element: 'PO102' },
    });
  });

  it('accepts a byte-order mark and blank lines before the ISA, and counts those lines', () => {
    const text = `\ufeff\n\n${interchange([minimalOrder]).replace('SE*5*0001', 'SE*9*0001')}`;
    expect(failure(text)).toMatchObject({
      code: 'edi.segmentCountMismatch',
      details: { segment: 7, line: 9 },
    });
  });

  it('refuses an ISA whose sender id is not padded to 15 characters, naming ISA06', () => {
    const text = interchange([minimalOrder]).replace('MORTAR0001     *', 'MORTAR0001*');
    expect(failure(text)).toMatchObject({
      code: 'edi.badSeparators',
      details: { segment: 1, line: 1, element: 'ISA06' },
    });
  });

  it('refuses an ISA whose sub-element separator is the element separator', () => {
    const text = interchange([minimalOrder]).replace('*T*>~', '*T**~');
    expect(failure(text)).toMatchObject({
      code: 'edi.badSeparators',
      details: { segment: 1, element: 'ISA16' },
    });
  });

  it('refuses a letter as segment terminator (the ISA is one character short, so "G" of GS follows)', () => {
    const text = interchange([minimalOrder]).replace('*T*>~\n', '*T*>');
    expect(failure(text)).toMatchObject({ code: 'edi.badSeparators', details: { segment: 1, line: 1 } });
  });

  it('says ISA16 is missing when "~" ends the ISA and every segment after it', () => {
    const text = interchange([minimalOrder]).replace('*T*>~', '*T*~');
    expect(failure(text).message).toContain('ISA16 seems to be missing');
  });

  it('refuses a file that does not begin with ISA', () => {
    expect(failure('GS*PO*A*B*20240101*1200*1*X*004010~')).toMatchObject({
      code: 'edi.badEnvelope',
      details: { segment: 1, line: 1, segmentId: 'ISA' },
    });
  });

  it('calls an empty or blank file empty', () => {
    expect(failure('')).toMatchObject({ code: 'edi.empty' });
    expect(failure(' \r\n\t')).toMatchObject({ code: 'edi.empty' });
  });

  it('refuses a file longer than the configured limit before reading it', () => {
    const result = parseEdi(interchange([minimalOrder]), { maxLength: 100 });
    expect(result).toMatchObject({ ok: false, error: { code: 'edi.inputTooLarge' } });
  });
});

describe('truncated files', () => {
  it('refuses a file cut inside the ISA', () => {
    expect(failure(ISA.slice(0, 60))).toMatchObject({ code: 'edi.truncated', details: { segment: 1 } });
  });

  it('refuses a file cut inside a segment, naming that segment', () => {
    const text = generated();
    const cut = text.slice(0, text.indexOf('PO1*2') + 8);
    expect(failure(cut)).toMatchObject({
      code: 'edi.truncated',
      details: { segment: 17, line: 17, segmentId: 'PO1' },
    });
  });

  it('refuses a file cut after a whole segment: SE is missing, one past the last segment', () => {
    const text = generated();
    const cut = text.slice(0, text.indexOf('CTT'));
    expect(failure(cut)).toMatchObject({
      code: 'edi.missingSegment',
      details: { segment: 21, line: 20, segmentId: 'SE' },
    });
  });

  it('refuses a file without IEA', () => {
    const text = generated();
    const cut = text.slice(0, text.indexOf('IEA'));
    expect(failure(cut)).toMatchObject({
      code: 'edi.missingSegment',
      details: { segment: 25, line: 24, segmentId: 'IEA', missing: 'IEA' },
    });
  });

  it('refuses a group whose GE is missing, at the IEA that came instead', () => {
    const text = generated().replace('GE*1*17~\n', '');
    expect(failure(text)).toMatchObject({
      code: 'edi.missingSegment',
      details: { segment: 24, line: 24, segmentId: 'IEA', missing: 'GE' },
    });
  });
});

describe('envelope counts and control numbers', () => {
  it('refuses a wrong SE01 with both counts', () => {
    const text = interchange([minimalOrder]).replace('SE*5*0001', 'SE*4*0001');
    expect(failure(text)).toEqual({
      code: 'edi.segmentCountMismatch',
      message: 'segment 7 (SE), line 7: SE01 says 4 segments, the transaction set has 5 from ST to SE',
      details: { segment: 7, line: 7, segmentId: 'SE', element: 'SE01', expected: 5, actual: 4 },
    });
  });

  it('refuses SE02 that is not ST02', () => {
    const text = interchange([minimalOrder]).replace('SE*5*0001', 'SE*5*0002');
    expect(failure(text)).toMatchObject({
      code: 'edi.controlNumberMismatch',
      details: { segment: 7, element: 'SE02' },
    });
  });

  it('refuses a wrong GE01 transaction set count', () => {
    const text = interchange([minimalOrder, minimalOrder], { ge: 'GE*1*17' });
    expect(failure(text)).toMatchObject({
      code: 'edi.transactionCountMismatch',
      details: { segment: 13, element: 'GE01', expected: 2, actual: 1 },
    });
  });

  it('refuses GE02 that is not GS06, and reads them as numbers (leading zeros allowed)', () => {
    expect(failure(interchange([minimalOrder], { ge: 'GE*1*18' }))).toMatchObject({
      code: 'edi.controlNumberMismatch',
      details: { segment: 8, element: 'GE02' },
    });
    expect(parseEdi(interchange([minimalOrder], { ge: 'GE*1*0017' })).ok).toBe(true);
  });

  it('refuses a wrong IEA01 group count', () => {
    expect(failure(interchange([minimalOrder], { iea: 'IEA*2*000000017' }))).toMatchObject({
      code: 'edi.groupCountMismatch',
      details: { segment: 9, element: 'IEA01', expected: 1, actual: 2 },
    });
  });

  it('refuses IEA02 that is not ISA13', () => {
    expect(failure(interchange([minimalOrder], { iea: 'IEA*1*000000018' }))).toMatchObject({
      code: 'edi.controlNumberMismatch',
      details: { segment: 9, element: 'IEA02', expected: '000000017', actual: '000000018' },
    });
  });

  it('refuses two transaction sets with one control number in a group', () => {
    const text = interchange([minimalOrder, minimalOrder])
      .replace('ST*850*0002', 'ST*850*0001')
      .replace('SE*5*0002', 'SE*5*0001');
    expect(failure(text)).toMatchObject({
      code: 'edi.duplicateControlNumber',
      details: { segment: 8, element: 'ST02' },
    });
  });

  it('refuses data after IEA', () => {
    expect(failure(`${interchange([minimalOrder])}GS*PO*A*B*20240101*1200*1*X*004010~`)).toMatchObject({
      code: 'edi.badEnvelope',
      details: { segment: 10, line: 10 },
    });
  });

  it('refuses an 850 carried in an invoice group (GS01 IN)', () => {
    const text = interchange([minimalOrder], { gs: 'GS*IN*MORTAR0001*123456789*20240305*1430*17*X*004010' });
    expect(failure(text)).toMatchObject({
      code: 'edi.badEnvelope',
      details: { segment: 3, element: 'GS01', expected: 'PO' },
    });
  });

  it('refuses other X12 versions in ISA12 and GS08', () => {
    expect(failure(interchange([minimalOrder]).replace('*00401*', '*00501*'))).toMatchObject({
      code: 'edi.unsupportedVersion',
      details: { element: 'ISA12' },
    });
    const gs = 'GS*PO*MORTAR0001*123456789*20240305*1430*17*X*005010';
    expect(failure(interchange([minimalOrder], { gs }))).toMatchObject({
      code: 'edi.unsupportedVersion',
      details: { segment: 2, element: 'GS08' },
    });
  });

  it('refuses an impossible ISA date and a non-numeric ISA13', () => {
    expect(failure(interchange([minimalOrder]).replace('*240305*', '*240231*'))).toMatchObject({
      code: 'edi.badElement',
      details: { element: 'ISA09' },
    });
    expect(failure(interchange([minimalOrder]).replace('*000000017*0', '*00000001A*0'))).toMatchObject({
      code: 'edi.badElement',
      details: { element: 'ISA13' },
    });
  });

  it('refuses a transaction set other than 850, 855 and 810', () => {
    const text = interchange([['856', 'BSN*00*1*20240305*1200']], {
      gs: 'GS*SH*MORTAR0001*123456789*20240305*1430*17*X*004010',
    });
    expect(failure(text)).toMatchObject({
      code: 'edi.unsupportedTransaction',
      details: { segment: 3, value: '856' },
    });
  });

  it('reads several transaction sets of one group, in order', () => {
    const second = minimalOrder.map((segment) => segment.replace('PO1**', 'PO2**'));
    const result = parse850(interchange([minimalOrder, second]));
    expect(
      result.ok &&
        result.value.documents.map((entry) => [entry.transactionControlNumber, entry.document.poNumber]),
    ).toEqual([
      ['0001', 'PO1'],
      ['0002', 'PO2'],
    ]);
  });
});

describe('segments and elements', () => {
  it('refuses an empty segment', () => {
    expect(failure(interchange([minimalOrder]).replace('PID*F****Item~', 'PID*F****Item~~'))).toMatchObject({
      code: 'edi.badSegment',
      details: { segment: 7 },
    });
  });

  it('refuses a segment identifier that is not upper-case letters and digits', () => {
    expect(failure(interchange([minimalOrder]).replace('PID*', 'pid*'))).toMatchObject({
      code: 'edi.badSegment',
      details: { segment: 6, line: 6, value: 'pid' },
    });
  });

  it('refuses a control character inside an element', () => {
    expect(failure(interchange([minimalOrder]).replace('****Item', '****It\x07em'))).toMatchObject({
      code: 'edi.badElement',
      details: { segment: 6, element: 'PID05' },
    });
  });

  it('refuses a segment the transaction set does not define', () => {
    const set = [...minimalOrder.slice(0, 2), 'ZZZ*1', ...minimalOrder.slice(2)];
    expect(failure(interchange([set]))).toMatchObject({
      code: 'edi.unknownSegment',
      details: { segment: 5, segmentId: 'ZZZ' },
    });
  });

  it('refuses an 850 that does not begin with BEG', () => {
    expect(failure(interchange([['850', 'REF*DP*1', ...minimalOrder.slice(1)]]))).toMatchObject({
      code: 'edi.missingSegment',
      details: { segment: 4, missing: 'BEG' },
    });
  });

  it('refuses an 850 without line items, at its SE', () => {
    expect(failure(interchange([minimalOrder.slice(0, 2)]))).toMatchObject({
      code: 'edi.missingSegment',
      details: { segment: 5, segmentId: 'SE', missing: 'PO1' },
    });
  });

  it('refuses a line item after the summary, and a heading segment among the lines', () => {
    const late = [...minimalOrder.slice(0, 2), 'CTT*1', ...minimalOrder.slice(2)];
    expect(failure(interchange([late]))).toMatchObject({
      code: 'edi.segmentOutOfOrder',
      details: { segment: 6, segmentId: 'PO1' },
    });
    const heading = [...minimalOrder, 'BEG*00*SA*X**20240305'];
    expect(failure(interchange([heading]))).toMatchObject({
      code: 'edi.segmentOutOfOrder',
      details: { segmentId: 'BEG' },
    });
  });

  it('refuses an address segment with no N1 before it', () => {
    const set = [minimalOrder[0] ?? '', minimalOrder[1] ?? '', 'N3*1 Main St', ...minimalOrder.slice(2)];
    expect(failure(interchange([set]))).toMatchObject({
      code: 'edi.segmentOutOfOrder',
      details: { segment: 5, segmentId: 'N3' },
    });
  });

  it('refuses CTT01 that is not the number of line items', () => {
    expect(failure(interchange([[...minimalOrder, 'CTT*2']]))).toMatchObject({
      code: 'edi.lineCountMismatch',
      details: { segment: 7, element: 'CTT01', expected: 1, actual: 2 },
    });
  });

  it('refuses bad element values, each naming its element', () => {
    const cases: Array<[string, string, string]> = [
      ['BEG*00*SA*PO1**20240305', 'BEG*00*SA*PO1**20240230', 'BEG05'],
      ['BEG*00*SA*PO1**20240305', 'BEG*00*SA***20240305', 'BEG03'],
      ['PO1*1*2*EA*1.50', 'PO1*1*2*EA*1.5.0', 'PO104'],
      ['PO1*1*2*EA*1.50', 'PO1*1*-2*EA*1.50', 'PO102'],
      ['PO1*1*2*EA*1.50', 'PO1*1*2*ea*1.50', 'PO103'],
      ['**VN*A1', '**VN*', 'PO107'],
      ['PID*F****Item', 'PID*Q****Item', 'PID01'],
    ];
    for (const [from, to, element] of cases) {
      expect(failure(interchange([minimalOrder]).replace(from, to)), element).toMatchObject({
        code: 'edi.badElement',
        details: { element },
      });
    }
  });

  it('refuses ACK elements that come in pairs when one is missing, and unknown line statuses', () => {
    const ack = (segment: string) =>
      interchange([['855', 'BAK*00*AC*PO1*20240305', 'PO1*1*2*EA*1.50**VN*A1', segment]], {
        gs: 'GS*PR*MORTAR0001*123456789*20240305*1430*17*X*004010',
      });
    expect(parseEdi(ack('ACK*IA*2*EA*068*20240310')).ok).toBe(true);
    expect(parseEdi(ack('ACK*IA*****20240310')).ok).toBe(true);
    expect(failure(ack('ACK*IA*2'))).toMatchObject({
      code: 'edi.badElement',
      details: { segment: 6, element: 'ACK03' },
    });
    expect(failure(ack('ACK*IA**EA'))).toMatchObject({
      code: 'edi.badElement',
      details: { element: 'ACK02' },
    });
    expect(failure(ack('ACK*IA***068'))).toMatchObject({
      code: 'edi.badElement',
      details: { element: 'ACK05' },
    });
    expect(failure(ack('ACK*XX*2*EA'))).toMatchObject({
      code: 'edi.badElement',
      details: { element: 'ACK01', value: 'XX' },
    });
  });

  it('refuses a line whose quantity × price cannot be held exactly', () => {
    const text = interchange([minimalOrder]).replace('PO1*1*2*EA*1.50', 'PO1*1*999999999*EA*99999999.99');
    expect(failure(text)).toMatchObject({ code: 'edi.amountOverflow', details: { segment: 5 } });
  });
});
