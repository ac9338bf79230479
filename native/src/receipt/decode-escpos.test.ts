import escposBuffer from 'escpos-buffer';
import { describe, expect, it } from 'vitest';
import { decodeCode128Data, decodeEscPos, decodedText } from './decode-escpos.js';

const { Printer, InMemory, Align, Style, Cut, Drawer } = escposBuffer;

describe('decoding ESC/POS', () => {
  it('reads lines with the alignment, emphasis and size in force when they started', () => {
    const bytes = [0x1b, 0x40, 0x1b, 0x61, 0x31, 0x1b, 0x45, 0x01, 0x1d, 0x21, 0x11, 0x48, 0x69, 0x0a, 0x1d, 0x21, 0x00, 0x1b, 0x45, 0x00, 0x1b, 0x61, 0x00, 0x0a, 0x6f, 0x6b, 0x0a];
    const commands = decodeEscPos(bytes);
    expect(commands.filter((c) => c.type === 'text')).toEqual([
      { type: 'text', text: 'Hi', align: 'center', bold: true, width: 2, height: 2 },
      { type: 'text', text: '', align: 'left', bold: false, width: 1, height: 1 },
      { type: 'text', text: 'ok', align: 'left', bold: false, width: 1, height: 1 },
    ]);
  });

  it('reads ESC ! print modes, code tables and both bar code functions', () => {
    const commands = decodeEscPos([
      0x1b, 0x21, 0x38, 0x1b, 0x74, 0x02, 0x82, 0x0a,
      0x1d, 0x6b, 0x02, ...Buffer.from('400638133393'), 0x00,
      0x1d, 0x6b, 0x43, 0x0c, ...Buffer.from('400638133393'),
    ]);
    expect(commands[0]).toEqual({ type: 'printMode', fontB: false, bold: true, doubleHeight: true, doubleWidth: true, underline: false });
    expect(commands[1]).toEqual({ type: 'codeTable', table: 2, codepage: 'cp850' });
    expect(commands[2]).toMatchObject({ type: 'text', text: 'é', bold: true, width: 2, height: 2 });
    expect(commands.filter((c) => c.type === 'barcode').map((c) => c.type === 'barcode' && [c.symbology, c.data])).toEqual([
      ['EAN13', '400638133393'],
      ['EAN13', '400638133393'],
    ]);
  });

  it('reads CODE128 data in sets B and C, with escaped braces and shifts', () => {
    expect(decodeCode128Data([0x7b, 0x42, 0x4e, 0x6f, 0x2e, 0x7b, 0x43, 12, 34, 56])).toBe('No.123456');
    expect(decodeCode128Data([0x7b, 0x42, 0x61, 0x7b, 0x7b, 0x62])).toBe('a{b');
    expect(decodeCode128Data([0x7b, 0x43, 1, 0x7b, 0x31, 5])).toBe('01{1}05');
  });

  it('reads every GS V cut form and the obsolete ESC i / ESC m cuts', () => {
    const cuts = decodeEscPos([0x1d, 0x56, 0x00, 0x1d, 0x56, 0x31, 0x1d, 0x56, 0x41, 0x05, 0x1d, 0x56, 0x42, 0x00, 0x1b, 0x69, 0x1b, 0x6d]);
    expect(cuts).toEqual([
      { type: 'cut', mode: 'full', feed: null, command: 'GS V' },
      { type: 'cut', mode: 'partial', feed: null, command: 'GS V' },
      { type: 'cut', mode: 'full', feed: 5, command: 'GS V' },
      { type: 'cut', mode: 'partial', feed: 0, command: 'GS V' },
      { type: 'cut', mode: 'partial', feed: null, command: 'ESC i' },
      { type: 'cut', mode: 'partial', feed: null, command: 'ESC m' },
    ]);
  });

  it('reports a drawer kick cut short as truncated, not as a kick', () => {
    const commands = decodeEscPos([0x1b, 0x40, 0x1b, 0x70, 0x00, 0x19]);
    expect(commands).toEqual([{ type: 'init' }, { type: 'truncated', bytes: [0x1b, 0x70, 0x00, 0x19] }]);
  });

  it('steps over raster images and 2D codes by their length, staying in step with the text after them', () => {
    const raster = [0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x0a, 0x0a, 0x1b, 0x1b];
    const qr = [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x04];
    const commands = decodeEscPos([...raster, ...qr, 0x41, 0x0a]);
    expect(commands.map((c) => c.type)).toEqual(['other', 'other', 'text']);
    expect(decodedText(commands)).toEqual(['A']);
  });

  it('reports unknown commands and stray control bytes without throwing', () => {
    const commands = decodeEscPos([0x1b, 0x7f, 0x01, 0x41, 0x0a, 0x10, 0x04, 0x01]);
    expect(commands).toEqual([
      { type: 'unknown', bytes: [0x1b, 0x7f] },
      { type: 'unknown', bytes: [0x01] },
      { type: 'text', text: 'A', align: 'left', bold: false, width: 1, height: 1 },
      { type: 'statusRequest', n: 1 },
    ]);
  });

  it('never throws on arbitrary bytes', () => {
    let seed = 7;
    for (let run = 0; run < 200; run += 1) {
      const bytes: number[] = [];
      for (let i = 0; i < 64; i += 1) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        bytes.push(seed & 0xff);
      }
      expect(() => decodeEscPos(bytes)).not.toThrow();
    }
  });
});

// The installed escpos-buffer was the first candidate for the encoder. Its Epson profile's stream, decoded here,
// is why the receipt has its own (see README): no ESC @, ESC m instead of GS V, and no GS k bar codes at all.
describe('escpos-buffer 4.1 (Epson TM-T20 profile), decoded', () => {
  async function escposBufferStream(): Promise<number[]> {
    const connection = new InMemory();
    const printer = await Printer.CONNECT('TM-T20', connection);
    await printer.setCodepage('cp858');
    await printer.writeln('Total 5 €', Style.Bold, Align.Center);
    await printer.feed(3);
    await printer.cutter(Cut.Partial);
    await printer.drawer(Drawer.First, 50, 500);
    return Array.from(connection.buffer());
  }

  it('does not initialise the printer with ESC @', async () => {
    const commands = decodeEscPos(await escposBufferStream());
    expect(commands.some((c) => c.type === 'init')).toBe(false);
  });

  it('cuts with the obsolete ESC m, not GS V', async () => {
    const cuts = decodeEscPos(await escposBufferStream()).filter((c) => c.type === 'cut');
    expect(cuts).toEqual([{ type: 'cut', mode: 'partial', feed: null, command: 'ESC m' }]);
  });

  it('does send a complete five-byte drawer kick and encodes the euro sign in PC858', async () => {
    const commands = decodeEscPos(await escposBufferStream());
    expect(commands.find((c) => c.type === 'drawerKick')).toMatchObject({ pin: 2, onMs: 50, offMs: 500 });
    expect(decodedText(commands)).toContain('Total 5 €');
  });

  it('offers no bar code command (only QR codes)', () => {
    expect(Object.getOwnPropertyNames(Printer.prototype)).not.toContain('barcode');
  });
});
