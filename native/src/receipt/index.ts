// The receipt's public surface: the model, its renderers (ESC/POS, plain text, structured preview) and the
// ESC/POS decoder used by tests and diagnostics.
export {
  columnsForPaper,
  defaultReceiptLabels,
  parseReceiptModel,
  paperWidths,
  receiptBarcodeSchema,
  receiptCashRoundingSchema,
  receiptDiscountSchema,
  receiptIssuedAtSchema,
  receiptLabelsSchema,
  receiptLineSchema,
  receiptModelSchema,
  receiptMoneySchema,
  receiptStoreSchema,
  receiptTaxRowSchema,
  receiptTenderSchema,
  receiptTotalsSchema,
  type PaperWidthMm,
  type ReceiptBarcode,
  type ReceiptCashRounding,
  type ReceiptDiscount,
  type ReceiptError,
  type ReceiptIssuedAt,
  type ReceiptLabels,
  type ReceiptLine,
  type ReceiptModel,
  type ReceiptMoney,
  type ReceiptResult,
  type ReceiptStore,
  type ReceiptTaxRow,
  type ReceiptTender,
  type ReceiptTotals,
} from './receipt-model.js';
export { codepages, encodeText, escPosCodeTable, toPrintable, type Codepage } from './codepage.js';
export { layoutReceipt, type LayoutAlign, type LayoutBlock, type LayoutRole, type LayoutSize, type ReceiptLayout } from './receipt-layout.js';
export { renderDrawerKick, renderEscPos, renderLayoutEscPos, type DrawerKickOptions, type EscPosOptions } from './render-escpos.js';
export { layoutToText, renderTextPreview, type TextPreviewOptions } from './render-text.js';
export { buildReceiptPreview, receiptPreviewSchema, type ReceiptPreview, type ReceiptPreviewLine } from './receipt-preview.js';
export { decodeCode128Data, decodeEscPos, decodedText, type DecodedAlign, type EscPosCommand } from './decode-escpos.js';
export { drawerKick, feedAndCut, statusRequest, type CutMode, type DrawerPin } from './escpos-commands.js';
export { sampleReceipt } from './receipt-sample.js';
