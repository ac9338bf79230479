import { describe, expect, it } from 'vitest';
import { catchUpText } from './sync.js';

describe('sync status: a new counter catching up', () => {
  it('says how far the snapshot has got by log position, and whether it waits for the next round', () => {
    expect(catchUpText({ running: true, at: 1000, through: 250, events: 240 })).toBe('through 250 of 1000 (25%), 240 events loaded');
    expect(catchUpText({ running: false, at: 1000, through: 999, events: 990 })).toBe('through 999 of 1000 (99%), 990 events loaded, resumes at the next round');
  });

  it('gives the position alone before the server has named where the snapshot ends', () => {
    expect(catchUpText({ running: true, at: null, through: 0, events: 0 })).toBe('through 0, 0 events loaded');
  });
});
