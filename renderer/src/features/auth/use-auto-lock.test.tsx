// @vitest-environment jsdom
import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KEEP_ALIVE_EVERY_MS, useAutoLock } from './use-auto-lock.js';

function Probe(props: { onIdle: () => void; onActive: () => void }) {
  useAutoLock({ enabled: true, idleMs: 60_000, onIdle: props.onIdle, onActive: props.onActive });
  return null;
}

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

describe('auto-lock', () => {
  it('locks after the idle time without activity', () => {
    const onIdle = vi.fn();
    render(<Probe onIdle={onIdle} onActive={() => {}} />);
    act(() => void vi.advanceTimersByTime(59_000));
    expect(onIdle).not.toHaveBeenCalled();
    act(() => void vi.advanceTimersByTime(1_000));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('reports activity to the core at most every 30 seconds and does not lock an active user', () => {
    const onIdle = vi.fn();
    const onActive = vi.fn();
    render(<Probe onIdle={onIdle} onActive={onActive} />);
    for (let s = 0; s < 150; s += 5) {
      act(() => void vi.advanceTimersByTime(5_000));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    }
    expect(onIdle).not.toHaveBeenCalled();
    expect(onActive).toHaveBeenCalledTimes(Math.floor(150_000 / KEEP_ALIVE_EVERY_MS));
  });
});
