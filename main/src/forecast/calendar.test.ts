import { describe, expect, it } from 'vitest';
import { formatIsoDay, parseIsoDay, weekdayOf } from './calendar.js';

describe('calendar days', () => {
  it('parses real dates only', () => {
    expect(parseIsoDay('1970-01-02')).toBe(1);
    expect(parseIsoDay('2024-02-29')).toBe(19782);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-00-10', '2024-1-5', '05/01/2024', '', '2024-01-01T00:00']) expect(parseIsoDay(bad)).toBeNull();
  });

  it('formats and counts weekdays from Monday', () => {
    expect(formatIsoDay(19782)).toBe('2024-02-29');
    expect(weekdayOf(parseIsoDay('2024-01-01') as number)).toBe(0); // a Monday
    expect(weekdayOf(parseIsoDay('2024-01-07') as number)).toBe(6);
    expect(weekdayOf(-1)).toBe(2); // 1969-12-31, a Wednesday
  });
});
