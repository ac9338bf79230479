// Product identifiers as X12 qualifies them (element 235), reduced to the three Mortar matches on: a GTIN in
// its 14-digit form, an NDC in its 11-digit 5-4-2 form, and the supplier's item number.
import { hasValidGs1CheckDigit } from '../barcode/check-digits.js';
import type { ProductId } from './contract.js';

/** UP: U.P.C. (12 digits); EN: EAN-13; UK: GTIN-14. A wrong check digit leaves the id unread as a GTIN. */
const gtinLengths: Readonly<Record<string, number>> = { UP: 12, EN: 13, UK: 14 };

export function gtinFrom(qualifier: string, id: string): string | null {
  const length = gtinLengths[qualifier];
  if (length === undefined || id.length !== length || !/^\d+$/.test(id)) return null;
  return hasValidGs1CheckDigit(id) ? id.padStart(14, '0') : null;
}

/**
 * An NDC in any of its printed forms to the 11-digit 5-4-2 form that X12 qualifier N4 carries: 4-4-2 gains a
 * leading zero, 5-3-2 a zero before the product code, 5-4-1 a zero before the package code. Ten digits
 * without hyphens are ambiguous and give null unless `form` says which layout they follow.
 */
export function toNdc11(ndc: string, form?: '4-4-2' | '5-3-2' | '5-4-1'): string | null {
  const hyphenated = /^(\d{4,5})-(\d{3,4})-(\d{1,2})$/.exec(ndc);
  if (hyphenated !== null) {
    const [labeler, product, pack] = [hyphenated[1] ?? '', hyphenated[2] ?? '', hyphenated[3] ?? ''];
    const digits = labeler.length + product.length + pack.length;
    if (digits === 11 && labeler.length === 5 && product.length === 4) return `${labeler}${product}${pack}`;
    if (digits !== 10) return null;
    return `${labeler.padStart(5, '0')}${product.padStart(4, '0')}${pack.padStart(2, '0')}`;
  }
  if (/^\d{11}$/.test(ndc)) return ndc;
  if (!/^\d{10}$/.test(ndc) || form === undefined) return null;
  if (form === '4-4-2') return `0${ndc}`;
  if (form === '5-3-2') return `${ndc.slice(0, 5)}0${ndc.slice(5)}`;
  return `${ndc.slice(0, 9)}0${ndc.slice(9)}`;
}

/** N4: 5-4-2; N1: 4-4-2; N2: 5-3-2; N3: 5-4-1; ND: an NDC in any hyphenated form, or 11 digits. */
function ndcFrom(qualifier: string, id: string): string | null {
  switch (qualifier) {
    case 'N4':
    case 'ND':
      return toNdc11(id);
    case 'N1':
      return toNdc11(id, '4-4-2');
    case 'N2':
      return toNdc11(id, '5-3-2');
    case 'N3':
      return toNdc11(id, '5-4-1');
    default:
      return null;
  }
}

export type ItemIds = {
  gtin: string | null;
  ndc: string | null;
  supplierSku: string | null;
  buyerItemId: string | null;
};

/** The first readable GTIN and NDC, VN (else VP) as the supplier's number, and BP/IN/CB as the buyer's. */
export function itemIds(productIds: readonly ProductId[]): ItemIds {
  let gtin: string | null = null;
  let ndc: string | null = null;
  let vendorItem: string | null = null;
  let vendorPart: string | null = null;
  let buyerItemId: string | null = null;
  for (const { qualifier, id } of productIds) {
    gtin ??= gtinFrom(qualifier, id);
    ndc ??= ndcFrom(qualifier, id);
    if (qualifier === 'VN') vendorItem ??= id;
    if (qualifier === 'VP') vendorPart ??= id;
    if (qualifier === 'BP' || qualifier === 'IN' || qualifier === 'CB') buyerItemId ??= id;
  }
  return { gtin, ndc, supplierSku: vendorItem ?? vendorPart, buyerItemId };
}
