// Receipt model -> ESC/POS bytes. The encoder is our own (escpos-commands.ts) rather than escpos-buffer: that
// library's Epson profile sends no ESC @, has no GS k bar codes at all, and cuts with the obsolete ESC m instead
// of GS V; see native/src/receipt/README.md for the byte-by-byte comparison.
import { encodeText, escPosCodeTable, type Codepage } from './codepage.js';
import {
  align,
  barcode128,
  bold,
  characterSize,
  drawerKick,
  feedAndCut,
  feedLines,
  initialize,
  LF,
  selectCodeTable,
  type CutMode,
  type DrawerPin,
} from './escpos-commands.js';
import { layoutReceipt, type LayoutAlign, type LayoutSize, type ReceiptLayout } from './receipt-layout.js';
import type { ReceiptModel } from './receipt-model.js';

export type DrawerKickOptions = { pin?: DrawerPin; onMs?: number; offMs?: number };

export type EscPosOptions = {
  /** 32 for 58 mm, 48 for 80 mm by default (from the model's paper width). */
  columns?: number;
  /** The printer's code table; cp858 (with the euro sign) by default. */
  codepage?: Codepage;
  /** Open the cash drawer as the receipt starts printing (only when a drawer is attached and cash changed hands). */
  openDrawer?: boolean | DrawerKickOptions;
  /** 'partial' (GS V 66) by default; 'none' feeds past the tear bar for printers without a cutter. */
  cut?: CutMode | 'none';
  /** Extra lines fed before cutting, for printers whose GS V does not feed the last line past the blade. */
  feedLinesBeforeCut?: number;
};

const sizeBytes: Record<LayoutSize, [number, number]> = { normal: [1, 1], tall: [1, 2], large: [2, 2] };

/** Renders an already computed layout; `renderEscPos` is the usual entry point. */
export function renderLayoutEscPos(layout: ReceiptLayout, options: Omit<EscPosOptions, 'columns' | 'codepage'> = {}): Uint8Array {
  const out: number[] = [];
  const push = (bytes: ArrayLike<number>): void => {
    for (let i = 0; i < bytes.length; i += 1) out.push(bytes[i]!);
  };
  push(initialize());
  push(selectCodeTable(escPosCodeTable[layout.codepage]));
  if (options.openDrawer) {
    const kick = options.openDrawer === true ? {} : options.openDrawer;
    push(drawerKick(kick.pin ?? 2, kick.onMs ?? 50, kick.offMs ?? 500));
  }
  // ESC @ leaves the printer left-aligned, not emphasized, at normal size: only changes are sent after it.
  let currentAlign: LayoutAlign = 'left';
  let currentBold = false;
  let currentSize: LayoutSize = 'normal';
  const setAlign = (a: LayoutAlign): void => {
    if (a !== currentAlign) push(align(a));
    currentAlign = a;
  };
  for (const block of layout.blocks) {
    if (block.kind === 'barcode') {
      setAlign('center');
      push(barcode128(block.data, block.moduleWidth, block.heightDots));
      continue;
    }
    if (block.text === '' && block.size === 'normal') {
      // A blank line looks the same whatever the alignment and emphasis: no need to switch them for it.
      push([LF]);
      continue;
    }
    setAlign(block.align);
    if (block.bold !== currentBold) push(bold(block.bold));
    currentBold = block.bold;
    if (block.size !== currentSize) push(characterSize(...sizeBytes[block.size]));
    currentSize = block.size;
    push(encodeText(block.text, layout.codepage));
    push([LF]);
  }
  if (currentBold) push(bold(false));
  if (currentSize !== 'normal') push(characterSize(1, 1));
  setAlign('left');
  const cut = options.cut ?? 'partial';
  if (cut === 'none') {
    push(feedLines(4));
  } else {
    if (options.feedLinesBeforeCut) push(feedLines(options.feedLinesBeforeCut));
    push(feedAndCut(cut));
  }
  return Uint8Array.from(out);
}

/** The complete ESC/POS stream for one receipt: initialise, code table, optional drawer kick, lines, bar code, cut. */
export function renderEscPos(model: ReceiptModel, options: EscPosOptions = {}): Uint8Array {
  const layout = layoutReceipt(model, {
    ...(options.columns !== undefined ? { columns: options.columns } : {}),
    ...(options.codepage !== undefined ? { codepage: options.codepage } : {}),
  });
  return renderLayoutEscPos(layout, options);
}

/** A stream that only opens the cash drawer ("no sale", a float change): initialise and one kick pulse. */
export function renderDrawerKick(options: DrawerKickOptions = {}): Uint8Array {
  return Uint8Array.from([...initialize(), ...drawerKick(options.pin ?? 2, options.onMs ?? 50, options.offMs ?? 500)]);
}
