// Orders and envelopes the tests share: a small pharmacy order with every kind of identifier, and the
// orders that the public sample 855 and 810 answer (rebuilt from what those files say was ordered).
import type { EnvelopeOptions, PurchaseOrder } from './contract.js';

export const testEnvelope: EnvelopeOptions = {
  sender: { qualifier: 'ZZ', id: 'MORTAR0001' },
  receiver: { qualifier: '01', id: '123456789' },
  interchangeControlNumber: 17,
  groupControlNumber: 17,
  transactionControlNumber: 1,
  createdAtMs: Date.UTC(2024, 2, 5, 14, 30),
  usage: 'T',
};

export function pharmacyOrder(): PurchaseOrder {
  return {
    poNumber: 'PO-2024-0001',
    orderDate: '2024-03-05',
    buyer: {
      name: 'Mortar Pharmacy Main St',
      idQualifier: '91',
      id: 'ACCT-5521',
      address: {
        lines: ['12 Main St'],
        city: 'Springfield',
        region: 'IL',
        postalCode: '62701',
        country: 'US',
      },
    },
    supplier: { name: 'Wholesale Drug Co', idQualifier: '92', id: 'WDC' },
    shipTo: {
      name: 'Mortar Pharmacy Main St',
      idQualifier: '92',
      id: 'STORE-1',
      address: {
        lines: ['12 Main St', 'Receiving dock'],
        city: 'Springfield',
        region: 'IL',
        postalCode: '62701',
      },
    },
    currency: 'USD',
    requestedDeliveryDate: '2024-03-07',
    references: [{ qualifier: 'IA', value: 'V-0042' }],
    lines: [
      {
        lineNo: 1,
        quantity: 3,
        unit: 'BX',
        unitPriceMinor: 1299,
        currencyExponent: 2,
        gtin: '00300450449108',
        ndc: '00045044910',
        description: 'Ibuprofen 200 mg tablets, 100',
      },
      {
        lineNo: 2,
        quantity: 12,
        unit: 'EA',
        unitPriceMinor: 125,
        currencyExponent: 4,
        supplierSku: 'GZ-44',
        description: 'Gauze pad 4x4, sterile',
      },
      {
        lineNo: 3,
        quantity: 2,
        unit: 'PK',
        unitPriceMinor: 899,
        currencyExponent: 2,
        gtin: '05012345678900',
        supplierSku: 'TS-10',
        description: 'Thermometer sleeves, 100',
      },
    ],
  };
}

const parties = {
  buyer: { name: 'Mortar Pharmacy', idQualifier: '92', id: 'BUYER-001' },
  supplier: { name: 'Sample Supplier', idQualifier: '92', id: 'SENDER' },
};

/** What purchase order POTEST1112 must have asked for, per the public sample 855. */
export function orderAnsweredBySample855(): PurchaseOrder {
  return {
    poNumber: 'POTEST1112',
    orderDate: '2020-10-15',
    ...parties,
    shipTo: {
      name: 'EDI TEST ACCOUNT-SUFFIX',
      idQualifier: '15',
      id: '123MILL 0001',
      address: { lines: ['7615 DISALLE BOULEVARD'], city: 'FORT WAYNE', region: 'IN', postalCode: '46825' },
    },
    currency: 'USD',
    lines: [
      {
        lineNo: 1,
        quantity: 3,
        unit: 'UN',
        unitPriceMinor: 450,
        currencyExponent: 2,
        gtin: '09780446360265',
        description: 'DIC WEBSTERS NEW WORLD',
      },
      {
        lineNo: 2,
        quantity: 2,
        unit: 'UN',
        unitPriceMinor: 1599,
        currencyExponent: 2,
        gtin: '09780767928427',
        description: 'CLAPTON THE AUTOBIOGRAPHY',
      },
      {
        lineNo: 3,
        quantity: 1,
        unit: 'UN',
        unitPriceMinor: 1000,
        currencyExponent: 2,
        gtin: '09780099599531',
        description: 'Third title',
      },
      {
        lineNo: 4,
        quantity: 2,
        unit: 'UN',
        unitPriceMinor: 450,
        currencyExponent: 2,
        gtin: '09780446360272',
        description: 'WEBSTERS NEW WORLD THESAURUS',
      },
    ],
  };
}

/** What purchase order PO-12345 must have asked for, per the public sample 810 (edi801_sample_810.edi). */
export function orderAnsweredBySample810(): PurchaseOrder {
  return {
    poNumber: 'PO-12345',
    orderDate: '2021-03-01',
    ...parties,
    shipTo: {
      name: 'Warehouse Inc',
      idQualifier: '92',
      id: 'SHIP-001',
      address: {
        lines: ['456 Oak Avenue'],
        city: 'Chicago',
        region: 'IL',
        postalCode: '60601',
        country: 'US',
      },
    },
    currency: 'USD',
    lines: [
      {
        lineNo: 1,
        quantity: 10,
        unit: 'EA',
        unitPriceMinor: 2550,
        currencyExponent: 2,
        supplierSku: 'SKU-100',
        description: 'Widget Type A',
      },
      {
        lineNo: 2,
        quantity: 5,
        unit: 'EA',
        unitPriceMinor: 1500,
        currencyExponent: 2,
        supplierSku: 'SKU-200',
        description: 'Gadget Type B',
      },
      {
        lineNo: 3,
        quantity: 20,
        unit: 'EA',
        unitPriceMinor: 875,
        currencyExponent: 2,
        supplierSku: 'SKU-300',
        description: 'Component C',
      },
    ],
  };
}

/** An interchange holding one transaction set of `type` (ST/SE with the right count are added). */
export function interchangeOf(type: '850' | '855' | '810', segments: readonly string[]): string {
  const functionalId = { '850': 'PO', '855': 'PR', '810': 'IN' }[type];
  return [
    'ISA*00*          *00*          *ZZ*SUPPLIER       *ZZ*MORTAR0001     *240306*0900*U*00401*000000042*0*T*>',
    `GS*${functionalId}*SUPPLIER*MORTAR0001*20240306*0900*42*X*004010`,
    `ST*${type}*0001`,
    ...segments,
    `SE*${segments.length + 2}*0001`,
    'GE*1*42',
    'IEA*1*000000042',
  ]
    .map((segment) => `${segment}~\n`)
    .join('');
}
