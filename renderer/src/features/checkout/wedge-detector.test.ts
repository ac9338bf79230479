import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createWedgeDetector, GS, looksLikeBarcode, resolveEnter, type WedgeDetector } from './wedge-detector.js';

/** Feeds `text` one character every `gapMs` from `start`, then Enter `enterGapMs` later. */
function typeAt(d: WedgeDetector, text: string, start: number, gapMs: number, enterGapMs = gapMs) {
  let at = start;
  for (const c of text) {
    d.char(c, at);
    at += gapMs;
  }
  return d.enter(at - gapMs + enterGapMs);
}

const DATAMATRIX = `0102023323706884${'10K26A611'}${GS}17280123`;

describe('the wedge detector', () => {
  it('takes a burst a few milliseconds apart ending in Enter as a scan', () => {
    const verdict = typeAt(createWedgeDetector(), '2023323706884', 1000, 4);
    expect(verdict).toEqual({ kind: 'scan', raw: '2023323706884', text: '2023323706884' });
  });

  it('keeps the GS that arrived as character 29 inside a GS1 element string', () => {
    const verdict = typeAt(createWedgeDetector(), DATAMATRIX, 0, 3);
    expect(verdict).toEqual({ kind: 'scan', raw: DATAMATRIX, text: DATAMATRIX });
  });

  it('turns the configured substitute back into GS, and leaves it alone when none is configured', () => {
    const sent = DATAMATRIX.replace(GS, '~');
    expect(typeAt(createWedgeDetector({ gsSubstitute: '~' }), sent, 0, 3)).toEqual({ kind: 'scan', raw: sent, text: DATAMATRIX });
    expect(typeAt(createWedgeDetector(), sent, 0, 3)).toEqual({ kind: 'scan', raw: sent, text: sent });
  });

  it('starts a new run when a character is timed before the one before it, so typing never joins a scan', () => {
    const d = createWedgeDetector();
    // "ibu" timed on arrival, then a scanner's keys by their own earlier times.
    for (const [i, c] of [...'ibu'].entries()) d.char(c, 5_000 + i * 40);
    expect(typeAt(d, '2023323706884', 4_900, 4)).toEqual({ kind: 'scan', raw: '2023323706884', text: '2023323706884' });
  });

  it('leaves a person typing a search as typing, even a fast typist', () => {
    expect(typeAt(createWedgeDetector(), 'ibuprofen', 0, 140)).toEqual({ kind: 'typing' });
    expect(typeAt(createWedgeDetector(), 'paracetamol', 0, 75)).toEqual({ kind: 'typing' });
  });

  it('does not call a short burst a scan (a rolled pair of keys, a quick "ok")', () => {
    expect(typeAt(createWedgeDetector(), 'ok', 0, 5)).toEqual({ kind: 'typing' });
    expect(typeAt(createWedgeDetector(), '1234567', 0, 5)).toEqual({ kind: 'typing' });
  });

  it('needs the Enter to follow the burst promptly', () => {
    expect(typeAt(createWedgeDetector(), '2023323706884', 0, 4, 900)).toEqual({ kind: 'typing' });
  });

  it('separates a scan from the typing that came before it by the pause between them', () => {
    const d = createWedgeDetector();
    let at = 0;
    for (const c of 'ibu') d.char(c, (at += 180));
    at += 2000;
    for (const c of '2023323706884') d.char(c, (at += 5));
    expect(d.enter(at + 5)).toEqual({ kind: 'scan', raw: '2023323706884', text: '2023323706884' });
  });

  it('starts afresh after each Enter and after reset', () => {
    const d = createWedgeDetector();
    expect(typeAt(d, '2023323706884', 0, 4).kind).toBe('scan');
    expect(d.enter(60)).toEqual({ kind: 'typing' });
    for (const c of '20233237') d.char(c, 100);
    d.reset();
    expect(d.enter(101)).toEqual({ kind: 'typing' });
  });

  it('treats a paste or an IME commit (many characters at once) as no scan', () => {
    const d = createWedgeDetector();
    d.char('2023323706884', 0);
    expect(d.enter(2)).toEqual({ kind: 'typing' });
  });

  it('never calls steady typing slower than the gap a scan, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 61, max: 400 }), (text, gap) => {
        const chars = [...text].filter((c) => c.length === 1);
        expect(typeAt(createWedgeDetector(), chars.join(''), 0, gap).kind).toBe('typing');
      }),
    );
  });

  it('calls any burst of eight or more characters at scanner speed a scan, and gives back exactly what arrived', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...`0123456789ABCKabc${GS}`), { minLength: 8, maxLength: 60 }).map((cs) => cs.join('')), fc.integer({ min: 0, max: 30 }), (text, gap) => {
        expect(typeAt(createWedgeDetector(), text, 500, gap)).toEqual({ kind: 'scan', raw: text, text });
      }),
    );
  });
});

describe('what Enter in the scan box means', () => {
  it('takes a scanned burst out of the box and keeps what the person had typed before it', () => {
    expect(resolveEnter('ibu2023323706884', { kind: 'scan', raw: '2023323706884', text: '2023323706884' })).toEqual({
      scan: '2023323706884',
      remaining: 'ibu',
    });
  });

  it('keeps what the person had typed before a GS1 scan, instead of gluing it onto the element string', () => {
    const scanned = `]d2${DATAMATRIX}`;
    expect(resolveEnter(`ibu${scanned}`, { kind: 'scan', raw: scanned, text: scanned })).toEqual({ scan: scanned, remaining: 'ibu' });
    const sent = scanned.replace(GS, '~');
    expect(resolveEnter(`ibu${sent}`, { kind: 'scan', raw: sent, text: scanned }, '~')).toEqual({ scan: scanned, remaining: 'ibu' });
    expect(looksLikeBarcode(`ibu${GS}17280123`)).toBe(false);
  });

  it('takes the whole box when a pause split one scan into two runs', () => {
    const verdict = { kind: 'scan', raw: '6884', text: '6884' } as const;
    expect(resolveEnter('2023323706884', verdict)).toEqual({ scan: '2023323706884', remaining: '' });
    expect(resolveEnter(DATAMATRIX, { kind: 'scan', raw: DATAMATRIX.slice(20), text: DATAMATRIX.slice(20) })).toEqual({
      scan: DATAMATRIX,
      remaining: '',
    });
  });

  it('treats a barcode keyed in by hand as a scan, and a search as the person’s Enter', () => {
    expect(resolveEnter(' 2023323706884 ', { kind: 'typing' })).toEqual({ scan: '2023323706884', remaining: '' });
    expect(resolveEnter('ibuprofen', { kind: 'typing' })).toBeNull();
    expect(resolveEnter('12', { kind: 'typing' })).toBeNull();
  });

  it('restores a configured GS substitute in text keyed by hand', () => {
    const keyed = DATAMATRIX.replace(GS, '~');
    expect(resolveEnter(keyed, { kind: 'typing' }, '~')).toEqual({ scan: DATAMATRIX, remaining: '' });
  });

  it('recognises the shapes of barcodes', () => {
    expect(looksLikeBarcode('96385074')).toBe(true);
    expect(looksLikeBarcode('036000291452')).toBe(true);
    expect(looksLikeBarcode(']d20102023323706884')).toBe(true);
    expect(looksLikeBarcode('https://id.example.com/01/02023323706884/10/K26A611')).toBe(true);
    expect(looksLikeBarcode('010202332370688410K26A611')).toBe(true);
    expect(looksLikeBarcode('ibuprofen 400')).toBe(false);
    expect(looksLikeBarcode('12345')).toBe(false);
  });
});
