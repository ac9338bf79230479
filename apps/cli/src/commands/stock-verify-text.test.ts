import { describe, expect, it } from 'vitest';
import { differenceText } from './maintenance.js';

describe('mortar stock verify, in words', () => {
  it('names an on-hand that disagrees with the ledger', () => {
    expect(differenceText({ lotId: 'L1', projected: 12, ledger: 10 })).toBe('lot L1: on hand 12 in the projection, 10 by the ledger');
  });

  it('names the copied facts gone stale, beside an on-hand difference when there is one', () => {
    expect(differenceText({ lotId: 'L2', projected: 5, ledger: 5, stale: ['costMinor', 'packSize'] })).toBe(
      "lot L2: projection's copy of costMinor, packSize differs from the lot or product",
    );
    expect(differenceText({ lotId: 'L3', projected: 4, ledger: 3, stale: ['expiry'] })).toBe(
      "lot L3: on hand 4 in the projection, 3 by the ledger; projection's copy of expiry differs from the lot or product",
    );
  });
});
