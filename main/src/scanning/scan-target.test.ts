import { describe, expect, it } from 'vitest';
import type { Session } from '../api/command-context.js';
import { pickScanTarget } from './scan-target.js';

const session = (lastActivityAt: number, locked = false): Session => ({ userId: 'u', startedAt: 0, lastActivityAt, locked });

describe('which screen a scan goes to', () => {
  it('goes to the logged-in, unlocked screen used last', () => {
    const target = pickScanTarget([
      { target: 'login screen', state: { session: null } },
      { target: 'tab used earlier', state: { session: session(100) } },
      { target: 'locked tab', state: { session: session(300, true) } },
      { target: 'tab used last', state: { session: session(200) } },
    ]);
    expect(target).toBe('tab used last');
  });

  it('goes nowhere when nobody is logged in or every screen is locked', () => {
    expect(pickScanTarget([{ target: 'a', state: { session: null } }, { target: 'b', state: { session: session(5, true) } }])).toBeNull();
    expect(pickScanTarget([])).toBeNull();
  });
});
