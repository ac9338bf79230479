import { describe, expect, it } from 'vitest';
import { decodeEscPos, decodedText, type EscPosCommand } from './decode-escpos.js';
import { renderDrawerKick, renderEscPos } from './render-escpos.js';
import { receiptModelSchema } from './receipt-model.js';
import { sampleReceipt } from './receipt-sample.js';

const hex = (bytes: ArrayLike<number>): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

function ofType<T extends EscPosCommand['type']>(commands: EscPosCommand[], type: T): Extract<EscPosCommand, { type: T }>[] {
  return commands.filter((c): c is Extract<EscPosCommand, { type: T }> => c.type === type);
}

describe.each([
  { width: 58 as const, columns: 32 },
  { width: 80 as const, columns: 48 },
])('a $width mm receipt rendered to ESC/POS and decoded back', ({ width, columns }) => {
  const model = sampleReceipt({ paperWidthMm: width });
  const bytes = renderEscPos(model);
  const commands = decodeEscPos(bytes);
  const text = decodedText(commands);

  it('starts with ESC @ and selects code table 19 (PC858) before any text', () => {
    expect(hex(bytes.slice(0, 5))).toBe('1b 40 1b 74 13');
    expect(commands[0]).toEqual({ type: 'init' });
    expect(commands[1]).toEqual({ type: 'codeTable', table: 19, codepage: 'cp858' });
  });

  it(`keeps every printed line within ${columns} columns (half as many at double width)`, () => {
    for (const c of ofType(commands, 'text')) {
      expect(c.text.length * c.width).toBeLessThanOrEqual(columns);
    }
  });

  it('prints the store header centred, the name bold at double size', () => {
    const header = ofType(commands, 'text').filter((c) => c.width === 2);
    expect(header.map((c) => c.text).join(' ')).toBe('Pharmacie du Marché');
    expect(header.every((c) => c.bold && c.height === 2 && c.align === 'center')).toBe(true);
    const address = ofType(commands, 'text').find((c) => c.text.includes('rue de la République'));
    expect(address?.align).toBe('center');
  });

  it('prints accented text and the euro sign through the code page, not as UTF-8', () => {
    expect(text.some((l) => l.includes('14,81 €'))).toBe(true);
    expect(text.some((l) => l.includes('Échange'))).toBe(true);
    // UTF-8 would send C3 A9 for é and E2 82 AC for €; PC858 has é at 0x82 and € at 0xD5.
    expect(hex(bytes)).not.toContain('e2 82 ac');
    expect(hex(bytes)).not.toContain('c3 a9');
    expect(hex(bytes)).toContain('d5');
  });

  it('word-wraps long descriptions and keeps batch and expiry of medicines', () => {
    const joined = text.join('\n');
    expect(joined.replace(/\n/g, ' ')).toContain('Paracétamol 500 mg comprimés, boîte de 16');
    expect(joined).toContain('Batch L2301A Exp 2026-04');
    const amountLine = text.find((l) => l.trimStart().startsWith('2 bte x 2,10 €'));
    expect(amountLine?.endsWith('4,20 € B')).toBe(true);
    expect(amountLine?.length).toBe(columns);
  });

  it('prints the total bold at double height with the tenders, change and tax rows', () => {
    const total = ofType(commands, 'text').find((c) => c.text.startsWith('TOTAL'));
    expect(total).toMatchObject({ bold: true, height: 2, width: 1, align: 'left' });
    expect(total?.text.endsWith('14,81 €')).toBe(true);
    for (const expected of ['Card Visa **** 4242', 'Approval A1B2C3', 'Store credit AV-0042', 'Cash CHF 5.00', '1 CHF = 1.04 EUR', 'Change', 'Rounding', 'A TVA 20 %', 'B TVA 2,1 %']) {
      expect(text.filter((l) => l.includes(expected)), expected).not.toHaveLength(0);
    }
  });

  it('prints the receipt number as a CODE128 bar code with GS k 73, centred, text below', () => {
    const barcodes = ofType(commands, 'barcode');
    expect(barcodes).toHaveLength(1);
    expect(barcodes[0]).toMatchObject({ symbology: 'CODE128', m: 73, data: '0104000123' });
    const i = commands.findIndex((c) => c.type === 'barcode');
    const setup = commands.slice(0, i);
    expect(ofType(setup, 'align').at(-1)?.align).toBe('center');
    expect(ofType(setup, 'hriPosition').at(-1)?.position).toBe('below');
    // "{C" then the digit pairs 01 04 00 01 23 as byte values.
    expect(hex(bytes)).toContain('1d 6b 49 07 7b 43 01 04 00 01 17');
  });

  it('ends with GS V 66 0 (feed to the cutter and partial cut) and opens no drawer unless asked', () => {
    expect(hex(bytes.slice(-4))).toBe('1d 56 42 00');
    expect(commands.at(-1)).toEqual({ type: 'cut', mode: 'partial', feed: 0, command: 'GS V' });
    expect(ofType(commands, 'drawerKick')).toHaveLength(0);
    expect(ofType(commands, 'unknown')).toHaveLength(0);
    expect(ofType(commands, 'truncated')).toHaveLength(0);
  });

  it('sends the drawer kick ESC p 0 25 250 right after initialising when asked', () => {
    const withKick = renderEscPos(model, { openDrawer: true });
    expect(hex(withKick.slice(0, 10))).toBe('1b 40 1b 74 13 1b 70 00 19 fa');
    const kicks = ofType(decodeEscPos(withKick), 'drawerKick');
    expect(kicks).toEqual([{ type: 'drawerKick', pin: 2, onMs: 50, offMs: 500, bytes: [0x1b, 0x70, 0, 25, 250] }]);
  });
});

describe('receipt rendering choices', () => {
  it('marks a reprint at the top and the bottom so it cannot pass for an original', () => {
    const text = decodedText(decodeEscPos(renderEscPos(sampleReceipt({ marker: 'reprint' }))));
    expect(text.filter((l) => l === '*** REPRINT ***')).toHaveLength(2);
  });

  it('transliterates what the code page lacks: the euro sign becomes EUR in PC437', () => {
    const commands = decodeEscPos(renderEscPos(sampleReceipt(), { codepage: 'cp437' }));
    expect(commands[1]).toEqual({ type: 'codeTable', table: 0, codepage: 'cp437' });
    const text = decodedText(commands);
    expect(text.some((l) => l.endsWith('14,81 EUR'))).toBe(true);
    expect(text.some((l) => l.includes('Paracétamol'))).toBe(true);
  });

  it('never lets control characters from the data reach the printer as commands', () => {
    const model = sampleReceipt({ footerLines: ['Bye\u001b@\u001dV\u0000\u0010\u0004\u0001!'] });
    const commands = decodeEscPos(renderEscPos(model));
    expect(ofType(commands, 'init')).toHaveLength(1);
    expect(ofType(commands, 'cut')).toHaveLength(1);
    expect(ofType(commands, 'statusRequest')).toHaveLength(0);
    expect(decodedText(commands)).toContain('Bye@V!');
  });

  it('feeds past the tear bar instead of cutting when the printer has no cutter', () => {
    const commands = decodeEscPos(renderEscPos(sampleReceipt(), { cut: 'none' }));
    expect(ofType(commands, 'cut')).toHaveLength(0);
    expect(commands.at(-1)).toEqual({ type: 'feed', lines: 4 });
  });

  it('uses a module width that fits the paper, and prints the number as text when no bar code fits', () => {
    const long = 'RET-ABCDEFGHIJKL';
    const at80 = ofType(decodeEscPos(renderEscPos(sampleReceipt({ barcode: { symbology: 'CODE128', data: long } }))), 'barcodeWidth');
    expect(at80.map((c) => c.dots)).toEqual([2]);
    const at58 = decodeEscPos(renderEscPos(sampleReceipt({ paperWidthMm: 58, barcode: { symbology: 'CODE128', data: long } })));
    expect(ofType(at58, 'barcode')).toHaveLength(0);
    expect(decodedText(at58)).toContain(long);
  });

  it('never sends digit pairs that a printer would take for a real-time DLE command inside a bar code', () => {
    const bytes = renderEscPos(sampleReceipt({ barcode: { symbology: 'CODE128', data: '12160477' } }));
    expect(hex(bytes)).not.toMatch(/10 0[45]|10 14/);
    const [barcode] = ofType(decodeEscPos(bytes), 'barcode');
    expect(barcode?.data).toBe('12160477');
  });

  it('opens the drawer on its own with ESC @ then ESC p, and pin 5 when the drawer is wired there', () => {
    expect(hex(renderDrawerKick())).toBe('1b 40 1b 70 00 19 fa');
    expect(hex(renderDrawerKick({ pin: 5 }))).toBe('1b 40 1b 70 01 19 fa');
  });

  it('renders a model that went through JSON, as it does when it crosses IPC', () => {
    const model = receiptModelSchema.parse(JSON.parse(JSON.stringify(sampleReceipt())));
    expect(renderEscPos(model)).toEqual(renderEscPos(sampleReceipt()));
  });
});
