// Reads the pack identity (GTIN, batch, expiry, serial) from a GS1 DataMatrix scan at receiving, only to
// group packs by batch on screen: the core parses and checks every line again when the delivery is received.
import { GS } from '../checkout/wedge-detector.js';

export type PackScan = { gtin: string; batch: string | null; expiry: string | null; serial: string | null };

/** Fixed-length AIs (data length) a pharmaceutical pack may carry before or between the ones we read. */
const fixed: Record<string, number> = { '00': 18, '01': 14, '02': 14, '11': 6, '12': 6, '13': 6, '15': 6, '16': 6, '17': 6, '20': 2 };
/** Variable-length AIs, up to their maximum length, ended by GS or the end of the data. */
const variable: Record<string, number> = { '10': 20, '21': 20, '22': 20, '240': 30, '241': 30, '710': 20, '711': 20, '712': 20, '713': 20, '714': 20, '715': 20 };

function gtinCheckOk(gtin: string): boolean {
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(gtin[i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(gtin[13]);
}

/** YYMMDD → YYYY-MM-DD; the century is the one that puts the year nearest to today's (GS1 General Specifications 7.12); day 00 is the month's last day. */
export function expiryFromYymmdd(yymmdd: string, today: Date): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!m) return null;
  const yy = Number(m[1]);
  const month = Number(m[2]);
  let day = Number(m[3]);
  if (month < 1 || month > 12) return null;
  const current = today.getUTCFullYear();
  let year = Math.floor(current / 100) * 100 + yy;
  if (year - current > 50) year -= 100;
  else if (year - current < -49) year += 100;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day === 0) day = last;
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function elements(text: string): Map<string, string> | null {
  const found = new Map<string, string>();
  // Typed from the label: "(01)0501…(17)271231(10)AB12".
  if (text.startsWith('(')) {
    const re = /\((\d{2,4})\)([^()]*)/gy;
    let m: RegExpExecArray | null;
    let end = 0;
    while ((m = re.exec(text)) !== null) {
      found.set(m[1] ?? '', m[2] ?? '');
      end = re.lastIndex;
    }
    return end === text.length ? found : null;
  }
  let data = text.replace(/^\][A-Za-z]\d/, '');
  while (data.length > 0) {
    if (data.startsWith(GS)) {
      data = data.slice(1);
      continue;
    }
    const two = data.slice(0, 2);
    const three = data.slice(0, 3);
    const length = fixed[two];
    if (length !== undefined) {
      found.set(two, data.slice(2, 2 + length));
      data = data.slice(2 + length);
      continue;
    }
    const ai = variable[two] !== undefined ? two : variable[three] !== undefined ? three : null;
    if (ai === null) return found.size > 0 ? found : null;
    const rest = data.slice(ai.length);
    const stop = rest.indexOf(GS);
    const value = stop === -1 ? rest : rest.slice(0, stop);
    found.set(ai, value.slice(0, variable[ai]));
    data = stop === -1 ? '' : rest.slice(stop + 1);
  }
  return found;
}

/** The pack in a scan, or null when it is no GS1 element string with a valid GTIN. */
export function readPackScan(raw: string, today: Date): PackScan | null {
  const text = raw.trim();
  const found = elements(text);
  const gtin = found?.get('01');
  if (!found || !gtin || !/^\d{14}$/.test(gtin) || !gtinCheckOk(gtin)) return null;
  const yymmdd = found.get('17');
  return {
    gtin,
    batch: found.get('10') || null,
    expiry: yymmdd ? expiryFromYymmdd(yymmdd, today) : null,
    serial: found.get('21') || null,
  };
}
