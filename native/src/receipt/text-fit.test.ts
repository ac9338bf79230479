import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leftRight, tableRow, wrapText } from './text-fit.js';

describe('fitting text to columns', () => {
  it('wraps at word boundaries and breaks only words longer than a line', () => {
    expect(wrapText('Paracetamol 500 mg tablets, box of 16', 16)).toEqual(['Paracetamol 500', 'mg tablets, box', 'of 16']);
    expect(wrapText('Supercalifragilistic', 8)).toEqual(['Supercal', 'ifragili', 'stic']);
  });

  it('keeps a label and its amount on one line when they fit', () => {
    expect(leftRight('Subtotal', '15,81 €', 20)).toEqual(['Subtotal     15,81 €']);
  });

  it('moves the amount below a label that fills the line on its own', () => {
    expect(leftRight('Receipt 0104-000123', '14/03/2025 10:32', 32)).toEqual(['Receipt 0104-000123', '                14/03/2025 10:32']);
  });

  it('lays out a table row with the first column wrapping', () => {
    expect(tableRow(['A VAT 20 % standard', '8,84', '1,77'], [5, 5], 20, ['left', 'right', 'right'])).toEqual([
      'A VAT 20',
      '%',
      'standard  8,84  1,77',
    ]);
  });

  it('never produces a line wider than the columns and loses no word', () => {
    const word = fc.stringMatching(/^[a-zA-Z0-9,.%-]{1,20}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.stringMatching(/^-?\d{1,6},\d\d €$/), fc.integer({ min: 16, max: 64 }), fc.integer({ min: 0, max: 4 }), (words, amount, width, indent) => {
        const lines = leftRight(words.join(' '), amount, width, indent);
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
        expect(lines.at(-1)?.endsWith(amount)).toBe(true);
        const rest = lines.join(' ').replace(amount, ' ');
        expect(rest.split(/\s+/).join('')).toBe(words.join(''));
      }),
      { seed: 20250314, numRuns: 300 },
    );
  });
});
