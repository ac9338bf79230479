import { describe, expect, it } from 'vitest';
import { blockingCondition, interpretStatus, isStatusByte } from './printer-status.js';

describe('DLE EOT real-time status', () => {
  it('reads an idle printer with paper as online and all clear', () => {
    const status = interpretStatus({ printer: 0x12, offlineCause: 0x12, paperSensor: 0x12 });
    expect(status).toMatchObject({ answered: true, online: true, paperOut: false, paperNearEnd: false, coverOpen: false, error: false });
    expect(blockingCondition(status)).toBeNull();
  });

  it('reads paper end from the offline cause (bit 5) or the roll sensor (bits 5-6)', () => {
    expect(interpretStatus({ printer: 0x1a, offlineCause: 0x32 }).paperOut).toBe(true);
    expect(interpretStatus({ printer: 0x1a, paperSensor: 0x72 }).paperOut).toBe(true);
    expect(blockingCondition(interpretStatus({ printer: 0x1a, offlineCause: 0x32, paperSensor: 0x7e }))).toBe('paperOut');
  });

  it('reads paper near end (bits 2-3 of DLE EOT 4) without blocking', () => {
    const status = interpretStatus({ printer: 0x12, offlineCause: 0x12, paperSensor: 0x1e });
    expect(status.paperNearEnd).toBe(true);
    expect(blockingCondition(status)).toBeNull();
  });

  it('reads cover open (DLE EOT 2 bit 2), errors (bit 6, and DLE EOT 3) and offline (DLE EOT 1 bit 3)', () => {
    expect(blockingCondition(interpretStatus({ printer: 0x1a, offlineCause: 0x16 }))).toBe('coverOpen');
    expect(blockingCondition(interpretStatus({ printer: 0x1a, offlineCause: 0x52, errorCause: 0x1a }))).toBe('error');
    expect(blockingCondition(interpretStatus({ printer: 0x1a, offlineCause: 0x12 }))).toBe('offline');
  });

  it('reads the drawer signal on connector pin 3 (DLE EOT 1 bit 2)', () => {
    expect(interpretStatus({ printer: 0x16 }).drawerPin3High).toBe(true);
    expect(interpretStatus({ printer: 0x12 }).drawerPin3High).toBe(false);
  });

  it('treats a printer that did not answer as unknown, never as blocked', () => {
    const status = interpretStatus({});
    expect(status.answered).toBe(false);
    expect(blockingCondition(status)).toBeNull();
  });

  it('accepts only bytes with the fixed bits of a status reply', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x7e)).toBe(true);
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0x92)).toBe(false);
    expect(isStatusByte(0x13)).toBe(false);
  });
});
