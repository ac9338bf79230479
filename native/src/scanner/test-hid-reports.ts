// Test support: HID POS input reports as a scanner sends them.

/** A 64-byte HID POS scanned data report: id 2, length, symbology bytes, 56 data bytes, 2 vendor bytes, flags. */
export function posReport(data: string, options: { aim?: string; more?: boolean; reportId?: number } = {}): Uint8Array {
  const report = new Uint8Array(64);
  report[0] = options.reportId ?? 0x02;
  report[1] = data.length;
  const aim = options.aim ?? '';
  for (let i = 0; i < 3; i += 1) report[2 + i] = aim.charCodeAt(i) || 0;
  for (let i = 0; i < data.length; i += 1) report[5 + i] = data.charCodeAt(i);
  report[61] = 0x3f;
  report[63] = options.more ? 0x01 : 0x00;
  return report;
}
