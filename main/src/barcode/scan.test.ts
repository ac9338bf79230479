import { describe, expect, it } from 'vitest';
import { parseScan, type ParseScanOptions, type Scan } from './scan.js';

const GS = '\u001d';
const NOW = new Date('2025-06-15T12:00:00Z');

function ok(input: string, options: ParseScanOptions = {}): Scan {
  const result = parseScan(input, { now: NOW, ...options });
  if (!result.ok) throw new Error(`expected ok for ${JSON.stringify(input)}, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function errorOf(input: string, options: ParseScanOptions = {}) {
  const result = parseScan(input, { now: NOW, ...options });
  if (result.ok) throw new Error(`expected an error for ${JSON.stringify(input)}`);
  return result.error;
}

describe('parseScan: GS1 element strings', () => {
  it('reads the bracketed human-readable form into AIs, GTIN, expiry and batch', () => {
    const scan = ok('(01)09506000134352(17)201225(10)ABC');
    expect(scan).toEqual({
      source: 'gs1',
      symbology: null,
      symbologyId: null,
      ais: [
        { ai: '01', value: '09506000134352', title: 'GTIN' },
        { ai: '17', value: '201225', title: 'USE BY or EXPIRY' },
        { ai: '10', value: 'ABC', title: 'BATCH/LOT' },
      ],
      gtin: '09506000134352',
      expiry: '2020-12-25',
      batch: 'ABC',
      serial: null,
      dates: { '17': '2020-12-25' },
      elementString: '(01)09506000134352(17)201225(10)ABC',
      text: null,
      digitalLinkStem: null,
    });
  });

  it.each([
    [']d2', 'GS1 DataMatrix'],
    [']C1', 'GS1-128'],
    [']e0', 'GS1 DataBar'],
    [']Q3', 'GS1 QR Code'],
    [']J1', 'GS1 DotCode'],
  ])('reads %s scan data with GS separators after variable-length values', (id, name) => {
    const scan = ok(`${id}010950600013435217271200${'10'}LOT42${GS}21SN-7`);
    expect(scan).toMatchObject({ source: 'gs1', symbology: name, symbologyId: id, gtin: '09506000134352' });
    expect(scan.expiry).toBe('2027-12-31');
    expect(scan.batch).toBe('LOT42');
    expect(scan.serial).toBe('SN-7');
  });

  it('accepts a configurable printable substitute for GS from keyboard-wedge scanners', () => {
    for (const sub of ['|', '~']) {
      const scan = ok(`]d2010950600013435210LOT42${sub}17271231${sub}21SN7`, { gsSubstitute: sub });
      expect([scan.batch, scan.expiry, scan.serial]).toEqual(['LOT42', '2027-12-31', 'SN7']);
    }
    // Without the option the substitute is data, and '|' is not a GS1 character.
    expect(errorOf(']d2010950600013435210LOT42|17271231').code).toBe('gs1.characterNotAllowed');
  });

  it('refuses a GS substitute that is not one safe character', () => {
    for (const sub of ['', '||', '1', '(']) {
      expect(errorOf('(01)09506000134352', { gsSubstitute: sub }).code).toBe('gs1.invalidOption');
    }
  });

  it('reads element strings sent without symbology identifier, with or without a leading GS', () => {
    expect(ok(`${GS}0109506000134352${'10'}A1`).batch).toBe('A1');
    expect(ok('010950600013435217251231').expiry).toBe('2025-12-31');
  });

  it('reads the bracketed form behind a GS1 symbology identifier, as some scanners can be set to send', () => {
    expect(ok(']d2(01)09506000134352(10)A1')).toMatchObject({ symbology: 'GS1 DataMatrix', batch: 'A1' });
  });

  it('ignores the CR/LF a keyboard wedge appends', () => {
    expect(ok('(01)09506000134352\r\n').gtin).toBe('09506000134352');
  });

  it('names the AI and the expected check digit when a GTIN check digit is wrong', () => {
    const error = errorOf('(01)09506000134353');
    expect(error.code).toBe('gs1.badCheckDigit');
    expect(error.message).toBe('AI (01) GTIN check digit should be 2, found 3');
    expect(error.details).toMatchObject({ ai: '01', value: '09506000134353', check: 'incorrectCheckDigit' });
  });

  it.each([
    ['(01)0950600013435', 'gs1.valueTooShort', 'AI (01) GTIN is too short'],
    ['(01)095060001343520', 'gs1.valueTooLong', 'AI (01) GTIN is too long'],
    ['(01)09506000134352(10)ABCDEFGHIJKLMNOPQRSTU', 'gs1.valueTooLong', 'AI (10) BATCH/LOT is too long'],
    ['(01)0950600013435A', 'gs1.characterNotAllowed', "AI (01) GTIN must contain only digits, but has 'A'"],
    ['(01)09506000134352(10)AB~C', 'gs1.characterNotAllowed', "AI (10) BATCH/LOT has '~' at position 3"],
    ['(01)09506000134352(17)251301', 'gs1.impossibleDate', 'AI (17) USE BY or EXPIRY has month 13'],
    ['(01)09506000134352(17)250230', 'gs1.impossibleDate', 'AI (17) USE BY or EXPIRY has day 30'],
    ['(23)ABC', 'gs1.unknownAi', 'AI (23) is not a GS1 Application Identifier'],
    ['(1A)ABC', 'gs1.malformedElementString', "'(1A)' is not an AI"],
    ['(01)09506000134352(10)', 'gs1.valueTooShort', 'AI (10) BATCH/LOT has no value'],
    ['(10)ABC', 'gs1.requiredAiMissing', 'AI (10) BATCH/LOT needs one of (01), (02), (03), (8006), (8026)'],
    ['(01)09506000134352(02)09506000134352', 'gs1.aiNotAllowedTogether', 'AI (02) CONTENT may not appear together with AI (01) GTIN'],
    ['(01)09506000134352(10)A(10)B', 'gs1.repeatedAiMismatch', 'AI (10) BATCH/LOT appears twice'],
    ['(01)09506000134352(422)999', 'gs1.invalidValue', "AI (422) ORIGIN has '999' where an ISO 3166 country code is required"],
  ])('rejects %s with %s and a message naming the AI', (input, code, message) => {
    const error = errorOf(input);
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });

  it('reports a missing GS when a variable-length value runs into the next AI', () => {
    const error = errorOf(`]C10109506000134352${'10'}ABCDEFGHIJKLMNOPQRST17251231`);
    expect(error.code).toBe('gs1.missingSeparator');
    expect(error.message).toContain('AI (10) BATCH/LOT runs on past 20 characters');
  });

  it('reports data that matches no AI', () => {
    expect(errorOf(']C1230950600013435').code).toBe('gs1.unknownAi');
  });

  it('lets a caller that merges several carriers skip the pairing rules', () => {
    expect(ok('(10)ABC(17)251231', { checkAssociations: false })).toMatchObject({
      batch: 'ABC',
      expiry: '2025-12-31',
      gtin: null,
    });
  });
});

describe('parseScan: dates', () => {
  it('reads day 00 as the last day of the month, leap years included', () => {
    expect(ok('(01)09506000134352(17)240200').expiry).toBe('2024-02-29');
    expect(ok('(01)09506000134352(17)250200').expiry).toBe('2025-02-28');
    expect(ok('(01)09506000134352(17)250400').expiry).toBe('2025-04-30');
    expect(ok('(01)09506000134352(17)251200').expiry).toBe('2025-12-31');
  });

  it('places two-digit years in the GS1 window of 49 years back to 50 years ahead of the current year', () => {
    const scanAt = (yy: string, now: string) => ok(`(01)09506000134352(17)${yy}0101`, { now: new Date(now) }).expiry;
    expect(scanAt('75', '2025-01-01T00:00:00Z')).toBe('2075-01-01'); // 50 ahead: this century
    expect(scanAt('76', '2025-01-01T00:00:00Z')).toBe('1976-01-01'); // 51 ahead: previous century
    expect(scanAt('30', '2080-01-01T00:00:00Z')).toBe('2130-01-01'); // 50 behind: next century
    expect(scanAt('31', '2080-01-01T00:00:00Z')).toBe('2031-01-01'); // 49 behind: this century
  });

  it('refuses 29 February in a resolved year that is not a leap year', () => {
    const error = errorOf('(01)09506000134352(17)000229', { now: new Date('2090-01-01T00:00:00Z') });
    expect(error.code).toBe('gs1.impossibleDate');
    expect(error.message).toContain('2100');
  });

  it('resolves every date AI, taking the expiry from AI (7003) when AI (17) is absent', () => {
    const scan = ok('(01)09506000134352(11)250101(7003)2612312359');
    expect(scan.dates).toEqual({ '11': '2025-01-01', '7003': '2026-12-31' });
    expect(scan.expiry).toBe('2026-12-31');
  });
});

describe('parseScan: GS1 Digital Link', () => {
  it('reads path key qualifiers and query-string attributes', () => {
    const scan = ok('https://id.gs1.org/01/09506000134352/10/ABC?17=201225');
    expect(scan).toMatchObject({
      source: 'digitalLink',
      gtin: '09506000134352',
      batch: 'ABC',
      expiry: '2020-12-25',
      digitalLinkStem: 'https://id.gs1.org',
      elementString: '(01)09506000134352(10)ABC(17)201225',
    });
  });

  it('reads custom domains with a path stem, and Digital Links inside plain 2D symbols', () => {
    expect(ok('https://brand.example.com/products/01/09506000134352/21/S%2F1?foo=bar').serial).toBe('S/1');
    const qr = ok(']Q1HTTPS://example.com/01/09506000134352?3103=000195');
    expect(qr).toMatchObject({ source: 'digitalLink', symbology: 'QR Code', digitalLinkStem: 'HTTPS://example.com' });
  });

  it('rejects a Digital Link whose path breaks the key-qualifier order', () => {
    const error = errorOf('https://id.gs1.org/01/09506000134352/21/S1/10/ABC');
    expect(error.code).toBe('gs1.invalidDigitalLink');
  });

  it('accepts a zero-suppressed GTIN only when asked to', () => {
    expect(errorOf('https://id.gs1.org/01/9506000134352').code).toBe('gs1.invalidDigitalLink');
    expect(ok('https://id.gs1.org/01/9506000134352', { permitZeroSuppressedGtin: true }).gtin).toBe('09506000134352');
  });
});

describe('parseScan: EAN/UPC and plain symbols', () => {
  it.each([
    ['9506000134352', '09506000134352'],
    ['012345678905', '00012345678905'],
    ['96385074', '00000096385074'],
    ['19506000134359', '19506000134359'],
    [']E09506000134352', '09506000134352'],
    [']E00012345678905', '00012345678905'],
    [']E496385074', '00000096385074'],
    [']I119506000134359', '19506000134359'],
  ])('normalises %s to the 14-digit GTIN %s', (input, gtin) => {
    const scan = ok(input);
    expect(scan.source).toBe('ean');
    expect(scan.gtin).toBe(gtin);
    expect(scan.ais).toEqual([{ ai: '01', value: gtin, title: 'GTIN' }]);
  });

  it('rejects a wrong EAN/UPC check digit, naming the expected digit', () => {
    expect(errorOf('9506000134353')).toMatchObject({
      code: 'gs1.badCheckDigit',
      message: 'GTIN-13 check digit should be 2, found 3',
    });
    expect(errorOf(']E09506000134353').message).toBe('EAN-13 check digit should be 2, found 3');
    expect(errorOf(']E0950600013435').code).toBe('gs1.valueTooShort');
    expect(errorOf(']E4963850A4').code).toBe('gs1.characterNotAllowed');
  });

  it('reads the composite component behind an EAN-13', () => {
    const scan = ok(`]E09506000134352|]e010LOT9${GS}17261130`);
    expect(scan).toMatchObject({ source: 'gs1', gtin: '09506000134352', batch: 'LOT9', expiry: '2026-11-30' });
  });

  it('returns the text of non-GS1 symbols, such as a prescription number in Code 128', () => {
    expect(ok(']C0RX-000123')).toMatchObject({ source: 'text', symbology: 'Code 128', text: 'RX-000123', gtin: null });
    expect(ok(']A0ABC-42').text).toBe('ABC-42');
    expect(ok(']Q1HtTps://example.com/01/09506000134352').source).toBe('text');
  });

  it('reports unknown or cut-off symbology identifiers and unrecognisable input', () => {
    expect(errorOf(']X').code).toBe('gs1.unknownSymbology');
    expect(errorOf(']Z9ABC').code).toBe('gs1.unknownSymbology');
    expect(errorOf('hello').code).toBe('gs1.unrecognisedFormat');
    expect(errorOf('\r\n').code).toBe('gs1.empty');
  });
});

describe('parseScan: result shape', () => {
  it('returns plain data that survives a JSON round trip unchanged, for results and errors alike', () => {
    for (const input of ['(01)09506000134352(17)251200(10)A', 'https://id.gs1.org/01/09506000134352', ']C0X', '(01)1']) {
      const result = parseScan(input, { now: NOW });
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    }
  });

  it('rejects input over the length limit before parsing it', () => {
    const error = errorOf(`(01)09506000134352(10)${'A'.repeat(5000)}`);
    expect(error.code).toBe('gs1.inputTooLong');
    expect(errorOf('(01)09506000134352', { maxLength: 10 }).code).toBe('gs1.inputTooLong');
  });

  it('refuses more than 64 AIs in one scan', () => {
    const many = Array.from({ length: 65 }, () => '(91)X').join('');
    expect(errorOf(many).code).toBe('gs1.tooManyAis');
  });
});
