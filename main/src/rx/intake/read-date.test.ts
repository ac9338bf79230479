import { describe, expect, it } from 'vitest';
import { readDate } from './read-date.js';

describe('readDate', () => {
  it('reads a numeric date month-first on a US page and day-first on a UK page', () => {
    expect(readDate('03/04/2026', 'us')).toEqual({ date: '2026-03-04', ambiguous: false });
    expect(readDate('03/04/2026', 'uk')).toEqual({ date: '2026-04-03', ambiguous: false });
  });

  it('lets a day above 12 settle the order whatever the convention', () => {
    expect(readDate('27/11/2026', 'us')?.date).toBe('2026-11-27');
    expect(readDate('11/27/2026', 'uk')?.date).toBe('2026-11-27');
  });

  it('flags an undecidable numeric date when the page says nothing of its convention', () => {
    expect(readDate('03/04/2026', 'unknown')?.ambiguous).toBe(true);
  });

  it('reads month names and OCR zeros', () => {
    expect(readDate('7 Mar 2026', 'unknown')).toEqual({ date: '2026-03-07', ambiguous: false });
    expect(readDate('March 7, 2026', 'unknown')?.date).toBe('2026-03-07');
    expect(readDate('O9/15/2O14', 'us')?.date).toBe('2014-09-15');
  });

  it('refuses impossible dates', () => {
    expect(readDate('02/30/2026', 'us')).toBeNull();
    expect(readDate('no date here', 'us')).toBeNull();
  });
});
