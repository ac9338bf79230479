import { describe, it, expect } from 'vitest';
import { formatCalendarDate, isExpired, localIsoDate } from './dates.js';

describe('dates', () => {
  it('shows an expiry as the same calendar day in every language', () => {
    expect(formatCalendarDate('2027-03-31', 'en')).toBe('Mar 31, 2027');
    expect(formatCalendarDate('2027-03-31', 'de')).toBe('31.03.2027');
  });

  it('treats the expiry day itself as still usable', () => {
    expect(isExpired('2026-11-27', '2026-11-27')).toBe(false);
    expect(isExpired('2026-11-26', '2026-11-27')).toBe(true);
    expect(isExpired('2027-01-01', '2026-11-27')).toBe(false);
  });

  it('builds the local calendar date', () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
