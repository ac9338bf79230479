import { describe, expect, it } from 'vitest';
import { SerialFramer, type SerialFramerSettings, type SerialSuffix } from './serial-framer.js';

const enc = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const dec = (b: Uint8Array): string => String.fromCharCode(...b);

function framer(suffix: SerialSuffix, extra: Partial<SerialFramerSettings> = {}): SerialFramer {
  return new SerialFramer({ suffix, prefix: new Uint8Array(), maxScanBytes: 64, ...extra });
}

function frames(f: SerialFramer, ...chunks: string[]): string[] {
  return chunks.flatMap((c) => f.push(enc(c)).frames.map(dec));
}

describe('SerialFramer', () => {
  it('ends a scan at CR and keeps GS inside the data', () => {
    expect(frames(framer('cr'), ']d2010950123456789017\u001d10ABC\r')).toEqual([']d2010950123456789017\u001d10ABC']);
  });

  it('splits two scans that arrive in one chunk', () => {
    expect(frames(framer('cr'), '5012345678900\r4006381333931\r')).toEqual(['5012345678900', '4006381333931']);
  });

  it('joins a scan that arrives over several chunks', () => {
    const f = framer('cr');
    expect(frames(f, '50123', '4567')).toEqual([]);
    expect(frames(f, '8900\r')).toEqual(['5012345678900']);
  });

  it('treats CR LF as one suffix on a CR setting, even when the LF comes in the next chunk', () => {
    expect(frames(framer('cr'), '1234\r', '\n5678\r\n')).toEqual(['1234', '5678']);
  });

  it('ends a scan at LF and drops a CR right before it', () => {
    expect(frames(framer('lf'), 'AB12\nCD34\r\n')).toEqual(['AB12', 'CD34']);
  });

  it('on CR LF, keeps a lone CR as data and ends only at CR LF, across chunks', () => {
    const f = framer('crlf');
    expect(frames(f, 'A\rB', 'C\r')).toEqual([]);
    expect(frames(f, '\nD\r\n')).toEqual(['A\rBC', 'D']);
  });

  it('ends a scan at a configured byte (ETX)', () => {
    expect(frames(framer({ byte: 0x03 }), '\u0002123\u0003\u0002456\u0003')).toEqual([
      '\u0002123',
      '\u0002456',
    ]);
  });

  it('takes a configured prefix off the start of each scan', () => {
    const f = framer({ byte: 0x03 }, { prefix: enc('\u0002') });
    expect(frames(f, '\u0002123\u0003\u0002456\u0003789\u0003')).toEqual(['123', '456', '789']);
  });

  it('with no suffix, hands the scan over only when told the line went quiet', () => {
    const f = framer('none');
    expect(frames(f, '0104', '000123')).toEqual([]);
    const idle = f.flushIdle();
    expect(idle && dec(idle)).toBe('0104000123');
    expect(f.flushIdle()).toBeNull();
  });

  it('drops empty frames between suffixes', () => {
    expect(frames(framer('cr'), '\r\r1234\r\r')).toEqual(['1234']);
  });

  it('drops an overlong scan whole, up to its suffix, and carries on with the next', () => {
    const f = framer('cr', { maxScanBytes: 8 });
    const out = f.push(enc('123456789012\r5678\r'));
    expect(out.frames.map(dec)).toEqual(['5678']);
    expect(out.overflowBytes).toBe(12);
  });

  it('drops a half-received scan on request and says how many bytes went', () => {
    const f = framer('cr');
    f.push(enc('12345'));
    expect(f.dropPartial()).toBe(5);
    expect(frames(f, '678\r')).toEqual(['678']);
  });

  it('keeps a half-received scan across a change of settings', () => {
    const f = framer('cr');
    f.push(enc('ABC'));
    f.reconfigure({ suffix: 'lf', prefix: new Uint8Array(), maxScanBytes: 64 });
    expect(frames(f, 'DEF\n')).toEqual(['ABCDEF']);
  });
});
