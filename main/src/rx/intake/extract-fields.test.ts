import { describe, expect, it } from 'vitest';
import { extractFields } from './extract-fields.js';
import type { OcrLine } from './ocr.js';

/** OCR lines as tesseract gives them: words with boxes, 12 px per character, one line every 40 px. */
function lines(...texts: string[]): OcrLine[] {
  return texts.map((text, row) => {
    let x = 50;
    const y0 = 50 + row * 40;
    const words = text.split(' ').map((w) => {
      const box = { x0: x, y0, x1: x + w.length * 12, y1: y0 + 24 };
      x = box.x1 + 12;
      return { text: w, confidence: 0.9, box };
    });
    return { text, confidence: 0.9, box: { x0: 50, y0, x1: x, y1: y0 + 24 }, words };
  });
}

describe('extractFields', () => {
  it('keeps two labelled fields on one line apart, each with the box of its own words', () => {
    const x = extractFields(lines('Patient: James Johnson DOB: 09/15/2014'));
    expect(x.patientName?.text).toBe('James Johnson');
    expect(x.birthDate?.text).toBe('09/15/2014');
    // "Patient:" is 8 characters (50–146), "James" starts one space later and "Johnson" ends at 314
    expect(x.patientName?.box).toEqual({ x0: 158, y0: 50, x1: 314, y1: 74 });
  });

  it('reads a US pad: prescriber line, NPI/DEA, and items with Disp, Sig and Refills', () => {
    const x = extractFields(
      lines(
        'Hillview Internal Medicine',
        'Jessica Moore, MD',
        'NPI: 1572175135 DEA: AM2529280',
        'Patient: James Johnson DOB: 09/15/2014',
        'Date: 02/05/2026',
        'Rx',
        'Telmisartan 40 mg tablets',
        'Disp: #14',
        'Sig: Take 1 tablet by mouth every 6 hours as needed for pain',
        'Refills: 5',
        'Signature: ____',
      ),
    );
    expect(x.convention).toBe('us');
    expect(x.prescriberName?.text).toBe('Jessica Moore');
    expect(x.npi?.text).toBe('1572175135');
    expect(x.dea?.text).toBe('AM2529280');
    expect(x.writtenDate?.text).toBe('02/05/2026');
    expect(x.items).toHaveLength(1);
    expect(x.items[0]?.drug.text).toBe('Telmisartan 40 mg tablets');
    expect(x.items[0]?.quantity?.text).toBe('#14');
    expect(x.items[0]?.refills?.text).toBe('5');
    expect(x.items[0]?.sig?.text).toBe('Take 1 tablet by mouth every 6 hours as needed for pain');
  });

  it('reads a UK page: unlabelled directions under the drug, Supply, a signed prescriber', () => {
    const x = extractFields(
      lines(
        'The Old Mill Surgery',
        'Patient: Linda Smith',
        'Date of birth: 24/12/1936',
        'Erdosteine 50mg tablets',
        'Supply: 90 tablets',
        'Take 1 tablet by mouth every morning with food',
        'Vancomycin 125mg capsules',
        'Supply: 14 capsules',
        'Take 2 capsules by mouth at bedtime',
        'Signed: Dr James Clark',
        'GMC 5265169',
        'Date: 17/07/2026',
      ),
    );
    expect(x.convention).toBe('uk');
    expect(x.patientName?.text).toBe('Linda Smith');
    expect(x.prescriberName?.text).toBe('James Clark');
    expect(x.items.map((i) => [i.drug.text, i.quantity?.text, i.sig?.text])).toEqual([
      ['Erdosteine 50mg tablets', '90 tablets', 'Take 1 tablet by mouth every morning with food'],
      ['Vancomycin 125mg capsules', '14 capsules', 'Take 2 capsules by mouth at bedtime'],
    ]);
    expect(x.writtenDate?.text).toBe('17/07/2026');
  });

  it('does not take a liquid dose in the directions for a new medicine line', () => {
    const x = extractFields(lines('1. Nitrofurantoin 25 mg/5 mL oral suspension', 'Qty: 300 mL Refills: 0', 'Directions: Take 10 mL by mouth three times a day'));
    expect(x.items).toHaveLength(1);
    expect(x.items[0]?.sig?.text).toBe('Take 10 mL by mouth three times a day');
  });
});
