// What the checkout journey scans: packs of the demo pharmacy (main/src/demo/data/demo-catalog.json, whose
// reference day is 2026-11-27) and a keyboard-wedge scanner that types them the way a real one does.
import type { CDPSession, Page } from 'playwright-core';

/** GS (group separator): what a scanner sends for FNC1 to end a variable-length GS1 field. */
export const GS = '\u001d';

/** Milliseconds between a wedge scanner's characters: far below the detector's 60 ms, as scanners are. */
export const WEDGE_DELAY_MS = 4;

export const demoPacks = {
  /** GSL gel on the shelf with four batches; the scan names one that is not the first to expire. */
  gel: { name: 'Ibuprofen 5% gel', gtin: '02043013400267', batch: 'H26E516', expiry: '2028-05-17', priceMinor: 1249 },
  /** An OTC carton with a real EAN-13; its oldest batch (D23H275) expired in August, so FEFO takes the next. */
  softgels: { name: 'Pain relief ibuprofen 200 mg softgels', ean13: '7501124311094', fefoBatch: 'D24A384', priceMinor: 399 },
  /** A pharmacy-medicine cream whose batch V23L053 expired on 2026-11-16 and is still on the shelf. */
  expiredCream: { name: 'Clotrimazole 1% cream', gtin: '02074759109824', batch: 'V23L053', expiry: '2026-11-16' },
  /** A valid EAN-13 (check digit right) that the demo catalog does not carry. */
  unknownEan: '4006381333931',
  /** The same gel, a later batch, read by a scanner set to send `~` for GS. */
  gelLater: { batch: 'H27A853', expiry: '2029-01-08' },
  /** GSL paracetamol, 16 tablets: at most two packs of paracetamol per sale. */
  paracetamol: { name: 'Paracetamol 500 mg tablets', ean13: '2082940222016', priceMinor: 299 },
  /** Prescription-only: refused at the till until dispensing supplies it. */
  amoxicillinEan13: '2041162565356',
  /** Found by hand from a misspelling. */
  searched: { typed: 'acetne', name: 'Acetone liquid', priceMinor: 649 },
} as const;

/**
 * A GS1 DataMatrix as a scanner with symbology identifiers on sends it: `]d2`, GTIN (01), batch (10) and,
 * after the GS that ends the variable-length batch, the expiry (17) as YYMMDD.
 */
export function gs1ElementString(pack: { gtin: string; batch: string; expiry: string }, separator: string = GS): string {
  const [year, month, day] = pack.expiry.split('-');
  return `]d201${pack.gtin}10${pack.batch}${separator}17${(year ?? '').slice(2)}${month ?? ''}${day ?? ''}`;
}

const sessions = new WeakMap<Page, CDPSession>();

async function devtools(page: Page): Promise<CDPSession> {
  const known = sessions.get(page);
  if (known) return known;
  const session = await page.context().newCDPSession(page);
  sessions.set(page, session);
  return session;
}

/**
 * A keyboard wedge's burst: every key stamped `WEDGE_DELAY_MS` after the one before, then Enter, into what has
 * the focus. The keys go in through DevTools with their own timestamps, as the operating system stamps a real
 * scanner's keys, so the page sees the scanner's pace however long it takes to handle each key. A GS has no key:
 * it is inserted as text, as a scanner's keyboard emulation does.
 */
export async function wedgeScan(page: Page, scan: string): Promise<void> {
  const cdp = await devtools(page);
  const start = Date.now() / 1000;
  let n = 0;
  const stamp = () => start + (n++ * WEDGE_DELAY_MS) / 1000;
  for (const ch of scan) {
    if (ch === GS) {
      await page.keyboard.insertText(GS);
      continue;
    }
    const at = stamp();
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch, timestamp: at });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, timestamp: at });
  }
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, timestamp: stamp() };
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: '\r', ...enter });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter });
}
