// Supplier EDI (X12 004010): generate the 850 a pharmacy sends, read the 850/855/810 that come back, and
// match acknowledgements and invoices against the order. Pure: no database, no clock, no I/O.
export * from './contract.js';
export { parseEdi, parse850, parse855, parse810, type ParseOptions } from './parse.js';
export { generate850, PARTY_CODES } from './generate-850.js';
export { orderFromParsed850 } from './order-from-850.js';
export { matchAcknowledgement } from './match-ack.js';
export { matchInvoice } from './match-invoice.js';
export { orderToCsv, csvField, csvRecord, ORDER_CSV_COLUMNS, type CsvOptions } from './csv.js';
export { toX12Text } from './x12-text.js';
export { toNdc11 } from './product-ids.js';
export { ackStatusCodes } from './read-855.js';
export { decimalText } from './decimal.js';
export type { WriteOptions } from './writer.js';
export type { TokenizeOptions } from './tokenizer.js';
