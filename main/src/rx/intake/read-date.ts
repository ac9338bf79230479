// Dates on prescriptions: 03/04/2026 is 4 March in the US and 3 April in the UK, so a numeric date is read
// in the page's convention (US when it carries NPI/DEA/refills, UK when it carries "Supply"/GMC), and a
// day above 12 settles it either way.

export type DateConvention = 'us' | 'uk' | 'unknown';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function year(text: string): number {
  const y = Number(text);
  return text.length === 2 ? (y > 40 ? 1900 + y : 2000 + y) : y;
}

export type ReadDate = { date: string; ambiguous: boolean };

export function readDate(text: string, convention: DateConvention): ReadDate | null {
  const fixed = text.replace(/(?<=\d)[Oo]|[Oo](?=\d)/g, '0').replace(/(?<=\d)[Il]|[Il](?=\d)/g, '1');
  const named = /(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s,-]+(\d{4})/.exec(fixed) ?? null;
  if (named !== null) {
    const m = MONTHS.indexOf((named[2] as string).slice(0, 3).toLowerCase()) + 1;
    const d = m > 0 ? iso(Number(named[3]), m, Number(named[1])) : null;
    if (d !== null) return { date: d, ambiguous: false };
  }
  const monthFirst = /([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})/.exec(fixed);
  if (monthFirst !== null) {
    const m = MONTHS.indexOf((monthFirst[1] as string).slice(0, 3).toLowerCase()) + 1;
    const d = m > 0 ? iso(Number(monthFirst[3]), m, Number(monthFirst[2])) : null;
    if (d !== null) return { date: d, ambiguous: false };
  }
  const isoMatch = /(\d{4})-(\d{2})-(\d{2})/.exec(fixed);
  if (isoMatch !== null) {
    const d = iso(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3]));
    if (d !== null) return { date: d, ambiguous: false };
  }
  const num = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})\b/.exec(fixed);
  if (num === null) return null;
  const a = Number(num[1]);
  const b = Number(num[2]);
  const y = year(num[3] as string);
  if (a > 12 && b <= 12) {
    const d = iso(y, b, a);
    return d === null ? null : { date: d, ambiguous: false };
  }
  if (b > 12 && a <= 12) {
    const d = iso(y, a, b);
    return d === null ? null : { date: d, ambiguous: false };
  }
  const d = convention === 'uk' ? iso(y, b, a) : iso(y, a, b);
  return d === null ? null : { date: d, ambiguous: convention === 'unknown' && a !== b };
}
