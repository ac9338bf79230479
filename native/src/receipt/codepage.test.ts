import { describe, expect, it } from 'vitest';
import { canEncode, codepages, decodeByte, encodeText, escPosCodeTable, toPrintable } from './codepage.js';

describe('code pages', () => {
  it('encodes the euro sign as 0xD5 in PC858 and as 0x80 in Windows-1252', () => {
    expect(Array.from(encodeText('€', 'cp858'))).toEqual([0xd5]);
    expect(Array.from(encodeText('€', 'cp1252'))).toEqual([0x80]);
  });

  it('encodes French and German letters to their PC850 bytes', () => {
    expect(Array.from(encodeText('éàçüßÉ', 'cp850'))).toEqual([0x82, 0x85, 0x87, 0x81, 0xe1, 0x90]);
  });

  it('round-trips every character of every supported code page through its byte', () => {
    for (const cp of codepages) {
      for (let b = 0x80; b <= 0xff; b += 1) {
        const ch = decodeByte(b, cp);
        if (ch === '\uFFFD' || ch === '\u00A0') continue;
        expect(Array.from(encodeText(ch, cp)), `${cp} 0x${b.toString(16)}`).toEqual([b]);
      }
    }
  });

  it('transliterates characters a code page lacks instead of sending UTF-8', () => {
    // ó is in PC437 and stays; Ł and ź are not and lose their marks.
    expect(toPrintable('Łódź – “50 €”…', 'cp437')).toBe('Lódz - "50 EUR"...');
    expect(toPrintable('Ørsted œuvre', 'cp858')).toBe('Ørsted oeuvre');
    expect(toPrintable('Ørsted', 'cp437')).toBe('Orsted');
    expect(toPrintable('漢字 ok', 'cp858')).toBe('?? ok');
  });

  it('turns every kind of space into one column and drops control characters', () => {
    expect(toPrintable('1\u00A0234,56\u202F€', 'cp858')).toBe('1 234,56 €');
    expect(toPrintable('a\u001b@b\u0000c\u0010\u0004d\u0085', 'cp858')).toBe('a@bcd');
    expect(toPrintable('tab\there', 'cp858')).toBe('tab here');
  });

  it('composes decomposed letters before encoding (e + combining acute is é)', () => {
    expect(Array.from(encodeText('e\u0301', 'cp858'))).toEqual([0x82]);
  });

  it('yields one character per column, each of which the code page can print', () => {
    const text = toPrintable('Crème «très» douce ½ dose – 5 µg ™ 漢', 'cp437');
    for (const ch of text) expect(canEncode(ch, 'cp437')).toBe(true);
    expect(encodeText(text, 'cp437')).toHaveLength(text.length);
  });

  it('selects the Epson table numbers for ESC t', () => {
    expect(escPosCodeTable).toEqual({ cp437: 0, cp850: 2, cp1252: 16, cp858: 19 });
  });
});
