/** Formats UTC milliseconds as a date and time in the screen's language and the machine's time zone. */
export function formatDateTime(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(ms);
}

/** An expiry is a calendar date ('2027-03-31'); it is shown as that date whatever the time zone. */
export function formatCalendarDate(isoDate: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(utc);
}

/** Today's calendar date where the counter stands, as YYYY-MM-DD. */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A lot is expired from the day after its expiry date (expiry dates are inclusive). */
export function isExpired(expiry: string, today: string): boolean {
  return expiry.slice(0, 10) < today;
}
