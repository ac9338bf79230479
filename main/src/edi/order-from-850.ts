// Turns a parsed 850 back into Mortar's order shape, refusing what the order contract cannot hold (a line
// without a price, a missing ship-to). With generate850 this is the round trip the tests prove: generate,
// parse, convert, and the order comes back equal.
import {
  purchaseOrderSchema,
  type Address,
  type EdiResult,
  type OrderLine,
  type ParsedAddress,
  type ParsedParty,
  type ParsedPurchaseOrder,
  type Party,
  type PurchaseOrder,
} from './contract.js';
import { attempt, fail } from './errors.js';
import { PARTY_CODES } from './generate-850.js';

const supplierCodes = [PARTY_CODES.supplier, 'SU', 'SE'];

export function orderFromParsed850(parsed: ParsedPurchaseOrder): EdiResult<PurchaseOrder> {
  return attempt(() => {
    const buyer = party(parsed, [PARTY_CODES.buyer], 'buyer');
    const supplier = party(parsed, supplierCodes, 'supplier');
    const shipTo = party(parsed, [PARTY_CODES.shipTo], 'shipTo');
    if (shipTo.address === undefined) {
      fail('edi.missingSegment', 'the ship-to party (N1*ST) has no address (N3/N4)', {
        missing: 'N4',
        path: 'shipTo.address',
      });
    }
    if (parsed.currency === null)
      fail('edi.missingSegment', 'the order has no currency (CUR)', { missing: 'CUR', path: 'currency' });
    const delivery =
      parsed.dates.find((date) => date.qualifier === '002' && date.date !== null)?.date ?? null;
    const references = parsed.references.map((reference, index) => {
      if (reference.value === null)
        fail('edi.badElement', 'REF02 is required for an order reference', { path: `references.${index}` });
      return { qualifier: reference.qualifier, value: reference.value };
    });
    const candidate: PurchaseOrder = {
      poNumber: parsed.poNumber,
      orderDate: parsed.orderDate,
      buyer,
      supplier,
      shipTo: { ...shipTo, address: shipTo.address },
      currency: parsed.currency,
      ...(delivery === null ? {} : { requestedDeliveryDate: delivery }),
      ...(references.length === 0 ? {} : { references }),
      lines: parsed.lines.map(orderLine),
    };
    const checked = purchaseOrderSchema.safeParse(candidate);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const path = issue?.path.map(String).join('.') ?? '';
      fail(
        'edi.badElement',
        `the order does not fit Mortar's order: ${path} ${issue?.message ?? ''}`.trim(),
        { path },
      );
    }
    return candidate;
  });
}

function party(parsed: ParsedPurchaseOrder, codes: readonly string[], path: string): Party {
  const found: ParsedParty | undefined = parsed.parties.find((candidate) => codes.includes(candidate.code));
  if (found === undefined) {
    fail('edi.missingSegment', `the order names no ${path} (N1*${codes.join('/')})`, { missing: 'N1', path });
  }
  if (found.name === null || found.idQualifier === null || found.id === null) {
    fail('edi.badElement', `the ${path} (N1*${found.code}) needs a name and an identifier`, { path });
  }
  return {
    name: found.name,
    idQualifier: found.idQualifier,
    id: found.id,
    ...(found.address === null ? {} : { address: address(found.address, path) }),
  };
}

function address(parsed: ParsedAddress, path: string): Address {
  if (parsed.city === null)
    fail('edi.missingSegment', `the ${path} address has no city (N4)`, { missing: 'N4', path });
  return {
    lines: parsed.lines,
    city: parsed.city,
    ...(parsed.region === null ? {} : { region: parsed.region }),
    ...(parsed.postalCode === null ? {} : { postalCode: parsed.postalCode }),
    ...(parsed.country === null ? {} : { country: parsed.country }),
  };
}

function orderLine(line: ParsedPurchaseOrder['lines'][number], index: number): OrderLine {
  const path = `lines.${index}`;
  if (line.lineNo === null || !/^\d{1,6}$/.test(line.lineNo)) {
    fail('edi.badElement', `PO101 of segment ${line.segment} must be a line number`, {
      path,
      segment: line.segment,
    });
  }
  if (line.quantity === null || line.unit === null || line.unitPrice === null) {
    fail('edi.badElement', `the PO1 at segment ${line.segment} needs a quantity, a unit and a price`, {
      path,
      segment: line.segment,
    });
  }
  if (line.description === null) {
    fail('edi.missingSegment', `the PO1 at segment ${line.segment} has no description (PID)`, {
      path,
      missing: 'PID',
    });
  }
  return {
    lineNo: Number(line.lineNo),
    quantity: line.quantity,
    unit: line.unit,
    unitPriceMinor: line.unitPrice.minor,
    currencyExponent: line.unitPrice.exponent,
    ...(line.gtin === null ? {} : { gtin: line.gtin }),
    ...(line.ndc === null ? {} : { ndc: line.ndc }),
    ...(line.supplierSku === null ? {} : { supplierSku: line.supplierSku }),
    description: line.description,
  };
}
