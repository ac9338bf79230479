// Recognises the AIM / ISO/IEC 15424 symbology identifier a scanner may put before its data: `]`, a code
// character (a letter) and a modifier (a digit or letter), e.g. `]d2` GS1 DataMatrix, `]E0` EAN-13, `]C1` GS1-128.
// Pure: shared by the serial, HID and keyboard-wedge paths.

const AIM_ID = /^\][A-Za-z][0-9A-Za-z]/;

/** The identifier at the start of `text`, or null when there is none. */
export function leadingSymbologyId(text: string): string | null {
  return AIM_ID.test(text) ? text.slice(0, 3) : null;
}

/** Whether three bytes (as HID POS reports carry them) form a symbology identifier; zeros mean "none sent". */
export function symbologyIdFromBytes(bytes: ArrayLike<number>): string | null {
  if (bytes.length < 3) return null;
  const text = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0);
  return leadingSymbologyId(text);
}
