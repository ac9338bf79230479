import { describe, expect, it } from 'vitest';
import { addPack, deliveryLines, lineProblems, type ReceivingLine } from './receiving-lines.js';

const pack = (serial: string | null, batch: string | null = 'AB12', expiry: string | null = '2027-12-31') => ({ gtin: '05010000000011', batch, expiry, serial });

describe('receiving lines', () => {
  it('counts packs of one batch on one line and a serial scanned twice once', () => {
    let lines: ReceivingLine[] = [];
    for (const s of ['1', '2', '2']) lines = addPack(lines, pack(s), `raw-${s}`, '0.41').lines;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ count: '2', serials: ['1', '2'], scan: 'raw-1', cost: '0.41' });
    expect(addPack(lines, pack('2'), 'raw', '').added).toBe('duplicateSerial');
    expect(addPack(lines, pack(null, null), 'raw', '').added).toBe('noBatch');
  });

  it('finds every problem of a line, and an expired batch only matters outside quarantine', () => {
    const line = addPack([], pack(null, 'OLD', '2026-10-31'), null, '').lines[0] as ReceivingLine;
    expect(lineProblems({ ...line, count: 'x', damaged: '-1' }, '2026-11-27', 2)).toEqual(['count', 'damaged', 'cost', 'expired']);
    expect(lineProblems({ ...line, count: '0', cost: '1.00' }, '2026-11-27', 2)).toEqual(['nothing', 'expired']);
    expect(lineProblems({ ...line, cost: '1,5', quarantine: true }, '2026-11-27', 2)).toEqual([]);
  });

  it('sends the ordered packs only where one line holds the whole of an ordered product', () => {
    let lines: ReceivingLine[] = addPack([], pack('1'), 'raw', '2').lines;
    expect(deliveryLines(lines, 2, new Map([['05010000000011', 3]]), '~')[0]).toMatchObject({ scan: 'raw', gsSubstitute: '~', orderedQuantity: 3, cost: '2.00' });
    lines = addPack(lines, pack('9', 'CD34'), null, '2').lines;
    const sent = deliveryLines(lines, 2, new Map([['05010000000011', 3]]), null);
    expect(sent.map((l) => 'orderedQuantity' in l)).toEqual([false, false]);
    expect(sent[1]).toMatchObject({ gtin: '05010000000011', batch: 'CD34', expiry: '2027-12-31', quantity: 1 });
  });
});
