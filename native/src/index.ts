// Device drivers (barcode scanners, receipt and label printers, cash drawer) live here; the checkout work
// adds them. This package imports nothing of ours.
export {};
export * from './receipt/index.js';
export * from './printer/index.js';
export * from './scanner/index.js';
