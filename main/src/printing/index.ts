// Printing for the counter core: start the print worker beside a core (`startPrinting`), and the pieces tests and
// tools use (the receipt built from a sale, the job store, the USB device-file link).
export { PrintingService, printingServiceFor, startPrinting, type PrintingServiceOptions, type StartPrintingOptions } from './printing-service.js';
export { receiptFromSale, receiptContextOf, receiptLabelsFor, tookCash, type ReceiptContext } from './receipt-from-sale.js';
export { queueMissingReceipts, queueSaleReceipt } from './queue-receipt.js';
export { renderDocument, type PrintDocument, type ReportDocument, type ReportRow } from './print-document.js';
export { SqlitePrintJobStore } from './sqlite-job-store.js';
export { createUsbLpTransport } from './usb-lp-transport.js';
