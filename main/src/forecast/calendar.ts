// Calendar days as integers (days since 1970-01-01, UTC): demand histories are daily, and integer days make
// gaps, weekdays and horizons exact without any time zone reaching into the arithmetic.

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

/** The day number of a `YYYY-MM-DD` date, or null when it is not a real calendar date. */
export function parseIsoDay(text: string): number | null {
  const m = isoDatePattern.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 2023-02-30 over into March; a round trip catches it.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return Math.round(ms / msPerDay);
}

export function formatIsoDay(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

/** ISO weekday with Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Memoises parsing for the many repeats of the same dates across products of one data set. */
export function createDayParser(): (text: string) => number | null {
  const cache = new Map<string, number | null>();
  return (text) => {
    let v = cache.get(text);
    if (v === undefined && !cache.has(text)) {
      v = parseIsoDay(text);
      if (cache.size > 20_000) cache.clear();
      cache.set(text, v);
    }
    return v ?? null;
  };
}
