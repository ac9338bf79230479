import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeKeyEvent, type WedgeOptions, type WedgeStep } from './wedge-detector.js';

const GS = '\u001d';

/** Key events for `text`, `gapMs` apart from `start`, with Enter at the end unless told otherwise. */
function keys(text: string | string[], start: number, gapMs: number, enter = true): WedgeKeyEvent[] {
  const chars = typeof text === 'string' ? [...text] : text;
  const events = chars.map((key, i) => ({ key, timeStamp: start + i * gapMs }));
  if (enter) events.push({ key: 'Enter', timeStamp: start + chars.length * gapMs });
  return events;
}

/** Feeds events as the renderer would, keeping what reached the input and what was recognised as scans. */
function run(detector: WedgeDetector, events: WedgeKeyEvent[], finalFlushAt?: number) {
  const typed: string[] = [];
  const scans: string[] = [];
  const steps: WedgeStep[] = [];
  const apply = (step: WedgeStep, event: WedgeKeyEvent | null): void => {
    steps.push(step);
    for (const released of step.release) typed.push(released.key);
    typed.splice(typed.length - step.retract, step.retract);
    if (step.scan) scans.push(step.scan.raw);
    if (event && !step.swallow) typed.push(event.key);
  };
  let pendingFlush: number | null = null;
  for (const event of events) {
    if (pendingFlush !== null && event.timeStamp >= pendingFlush) apply(detector.flush(pendingFlush), null);
    const step = detector.feed(event);
    apply(step, event);
    pendingFlush = step.flushAt;
  }
  if (pendingFlush !== null) apply(detector.flush(finalFlushAt ?? pendingFlush), null);
  return { typed, scans, steps };
}

describe('WedgeDetector', () => {
  it('recognises a scanner burst ending in Enter and swallows every key of it', () => {
    const detector = new WedgeDetector({ now: () => 1_700_000_000_000 });
    const events = keys('5012345678900', 1000, 8);
    const steps = events.map((e) => detector.feed(e));
    expect(steps.every((s) => s.swallow)).toBe(true);
    expect(steps.every((s) => s.release.length === 0 && s.retract === 0)).toBe(true);
    expect(steps.at(-1)?.scan).toEqual({
      source: 'keyboard',
      deviceId: 'keyboard',
      raw: '5012345678900',
      symbologyId: null,
      receivedAt: 1_700_000_000_000,
    });
    expect(steps.at(-1)?.flushAt).toBeNull();
  });

  it('lets slow human typing through, each held key released when the next slow key or the flush comes', () => {
    const { typed, scans } = run(new WedgeDetector(), keys('paracetamol', 0, 120));
    expect(scans).toEqual([]);
    expect(typed.join('')).toBe('paracetamolEnter');
  });

  it('with firstKey "pass", slow typing goes straight through and is never held', () => {
    const { typed, steps } = run(new WedgeDetector({ firstKey: 'pass' }), keys('ibu', 0, 150));
    expect(typed.join('')).toBe('ibuEnter');
    expect(steps.every((s) => !s.swallow && s.release.length === 0)).toBe(true);
  });

  it('with firstKey "pass", a scan retracts the one character that went through first', () => {
    const { typed, scans, steps } = run(new WedgeDetector({ firstKey: 'pass' }), keys('4006381333931', 50, 5));
    expect(scans).toEqual(['4006381333931']);
    expect(typed).toEqual([]);
    expect(steps.at(-1)?.retract).toBe(1);
  });

  it('keeps GS sent as character 29 and reads the AIM symbology identifier', () => {
    const data = `]d2010950123456789017261231${GS}10LOT42${GS}21SN1`;
    const { scans, typed } = run(new WedgeDetector(), keys(data, 0, 3));
    expect(scans).toEqual([data]);
    expect(typed).toEqual([]);
    const detector = new WedgeDetector();
    const last = keys(data, 0, 3).map((e) => detector.feed(e)).at(-1);
    expect(last?.scan?.symbologyId).toBe(']d2');
  });

  it('turns a configured substitute character into GS inside a scan, but not in typing', () => {
    const scanned = run(new WedgeDetector({ gsSubstitute: '|' }), keys('0109501234567890|10ABC', 0, 4));
    expect(scanned.scans).toEqual([`0109501234567890${GS}10ABC`]);
    const typed = run(new WedgeDetector({ gsSubstitute: '|' }), keys('a|b', 0, 200));
    expect(typed.typed.join('')).toBe('a|bEnter');
  });

  it('turns Ctrl+] and a configured F8 key into GS', () => {
    const events: WedgeKeyEvent[] = [
      ...keys('0109501234567890', 0, 4, false),
      { key: ']', ctrlKey: true, timeStamp: 64 },
      ...keys('10AB', 68, 4, false),
      { key: 'F8', timeStamp: 84 },
      ...keys('21X', 88, 4),
    ];
    const { scans } = run(new WedgeDetector({ gsKeys: [{ key: ']', ctrlKey: true }, { key: 'F8' }] }), events);
    expect(scans).toEqual([`0109501234567890${GS}10AB${GS}21X`]);
  });

  it('ignores Shift keydowns between a scanner characters', () => {
    const events: WedgeKeyEvent[] = [
      { key: 'Shift', timeStamp: 0 },
      { key: 'A', shiftKey: true, timeStamp: 2 },
      { key: 'Shift', timeStamp: 4 },
      { key: 'B', shiftKey: true, timeStamp: 6 },
      ...keys('1234', 10, 5),
    ];
    expect(run(new WedgeDetector(), events).scans).toEqual(['AB1234']);
  });

  it('does not take a short fast burst (fewer than the minimum) for a scan', () => {
    const { scans, typed } = run(new WedgeDetector(), keys('ok', 0, 10));
    expect(scans).toEqual([]);
    expect(typed.join('')).toBe('okEnter');
  });

  it('does not take a burst whose Enter comes late for a scan', () => {
    const events = keys('123456', 0, 5, false);
    events.push({ key: 'Enter', timeStamp: 25 + 200 });
    const { scans, typed } = run(new WedgeDetector(), events);
    expect(scans).toEqual([]);
    expect(typed.join('')).toBe('123456Enter');
  });

  it('hands back the keys of a burst broken by a slow key, and recognises a scan that follows', () => {
    // A fast typist's roll "ab", a pause, "c", then a real scan.
    const events = [...keys('ab', 0, 15, false), { key: 'c', timeStamp: 200 }, ...keys('5012345678900', 400, 6)];
    const { scans, typed } = run(new WedgeDetector(), events);
    expect(typed.join('')).toBe('abc');
    expect(scans).toEqual(['5012345678900']);
  });

  it('hands back held keys when a non-character key (arrow, Escape, shortcut) breaks the burst, before that key', () => {
    const events: WedgeKeyEvent[] = [...keys('12', 0, 5, false), { key: 'ArrowDown', timeStamp: 10 }];
    const { typed, steps } = run(new WedgeDetector(), events);
    expect(typed).toEqual(['1', '2', 'ArrowDown']);
    expect(steps.at(-1)).toMatchObject({ swallow: false, release: [{ key: '1' }, { key: '2' }] });
  });

  it('releases a held key through flush once the gap has passed, not before', () => {
    const detector = new WedgeDetector({ maxGapMs: 30 });
    const step = detector.feed({ key: 'x', timeStamp: 100 });
    expect(step).toMatchObject({ swallow: true, flushAt: 131 });
    expect(detector.flush(129).release).toEqual([]);
    expect(detector.flush(131).release).toEqual([{ key: 'x', timeStamp: 100 }]);
    expect(detector.pending).toBe(false);
  });

  it('respects a configured gap and minimum length', () => {
    const options: WedgeOptions = { maxGapMs: 60, minLength: 8 };
    expect(run(new WedgeDetector(options), keys('12345678', 0, 50)).scans).toEqual(['12345678']);
    expect(run(new WedgeDetector(options), keys('1234567', 0, 50)).scans).toEqual([]);
  });

  it('treats auto-repeat and IME composition as typing', () => {
    const events: WedgeKeyEvent[] = [
      { key: 'a', timeStamp: 0 },
      { key: 'a', timeStamp: 5, repeat: true },
      { key: 'a', timeStamp: 10, repeat: true },
      { key: 'a', timeStamp: 15, repeat: true },
      { key: 'Enter', timeStamp: 20 },
    ];
    const { scans, typed } = run(new WedgeDetector(), events);
    expect(scans).toEqual([]);
    expect(typed.join('')).toBe('aaaaEnter');
  });

  it('reset hands back what was held', () => {
    const detector = new WedgeDetector();
    detector.feed({ key: '1', timeStamp: 0 });
    detector.feed({ key: '2', timeStamp: 3 });
    expect(detector.reset().map((e) => e.key)).toEqual(['1', '2']);
    expect(detector.pending).toBe(false);
  });
});
