import { describe, expect, it } from 'vitest';
import { decodeEscPos, decodedText } from './decode-escpos.js';
import { renderEscPos } from './render-escpos.js';
import { renderTextPreview } from './render-text.js';
import { buildReceiptPreview, receiptPreviewSchema } from './receipt-preview.js';
import { parseReceiptModel, receiptModelSchema } from './receipt-model.js';
import { sampleReceipt } from './receipt-sample.js';

describe.each([58, 80] as const)('previews of a %i mm receipt', (width) => {
  const model = sampleReceipt({ paperWidthMm: width, marker: 'copy' });
  const columns = width === 58 ? 32 : 48;

  it('shows in plain text, line for line, what the printer prints', () => {
    const preview = renderTextPreview(model).trimEnd().split('\n');
    const printed = decodedText(decodeEscPos(renderEscPos(model)));
    const barcode = model.barcode?.data ?? '';
    // The preview draws the bar code as a strip of bars above its text; the printer prints bars and text itself.
    const withoutBars = preview.filter((l) => !/^\s*\|+$/.test(l) && l.trim() !== barcode);
    expect(withoutBars.map((l) => l.trim())).toEqual(printed.map((l) => l.trim()));
    for (const line of preview) expect(line.length).toBeLessThanOrEqual(columns);
  });

  it('centres the header in the plain text the way the printer does', () => {
    const preview = renderTextPreview(model).split('\n');
    const address = preview.find((l) => l.includes('69002 Lyon')) ?? '';
    const pad = address.length - address.trimStart().length;
    expect(pad).toBe(Math.floor((columns - '69002 Lyon'.length) / 2));
  });

  it('gives the UI a structured preview that is valid JSON data with roles to style by', () => {
    const preview = buildReceiptPreview(model);
    expect(receiptPreviewSchema.parse(JSON.parse(JSON.stringify(preview)))).toEqual(preview);
    expect(preview).toMatchObject({ paperWidthMm: width, columns, marker: 'copy', receiptNumber: '0104-000123', total: '14,80\u00A0€' });
    const roles = new Set(preview.lines.map((l) => (l.kind === 'text' ? l.role : 'barcode')));
    for (const role of ['store', 'marker', 'meta', 'item', 'itemDetail', 'total', 'tender', 'change', 'tax', 'footer', 'barcode']) {
      expect(roles.has(role as never), role).toBe(true);
    }
    expect(preview.lines.find((l) => l.kind === 'barcode')).toMatchObject({ symbology: 'CODE128', data: '0104000123' });
  });
});

describe('the receipt model', () => {
  it('accepts the complete sample and survives JSON unchanged', () => {
    const model = sampleReceipt();
    expect(receiptModelSchema.parse(JSON.parse(JSON.stringify(model)))).toEqual(model);
  });

  it('refuses bad data with a stable error code and the paths at fault', () => {
    const bad = { ...sampleReceipt(), paperWidthMm: 76, barcode: { symbology: 'CODE128', data: 'no{brace' } };
    const result = parseReceiptModel(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('receipt.invalidModel');
    const paths = (result.error.details?.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['paperWidthMm', 'barcode.data']));
  });

  it('refuses money given as a float of minor units', () => {
    const model = sampleReceipt();
    const bad = { ...model, totals: { total: { minor: 14.81, formatted: '14,81 €' } } };
    expect(parseReceiptModel(bad).ok).toBe(false);
  });

  it('prints the labels the checkout passes, in its language', () => {
    const text = renderTextPreview(sampleReceipt({ labels: { total: 'TOTAL TTC', change: 'Rendu', cashier: 'Caissier' } }));
    expect(text).toMatch(/^TOTAL TTC +14,81 €$/m);
    expect(text).toMatch(/^Rendu +2,40 €$/m);
    expect(text).toContain('Caissier Camille');
  });

  it('falls back to the instant itself when the locale or time zone is unknown', () => {
    const text = renderTextPreview(sampleReceipt({ issuedAt: { iso: '2025-03-14T09:32:00Z', locale: 'fr-FR', timeZone: 'Mars/Olympus' } }));
    expect(text).toContain('2025-03-14 09:32:00 Z');
  });
});
