// Hybrid logical clock (Kulkarni et al.): every synced fact carries a stamp so that facts from counters
// whose wall clocks disagree still have one well-defined order. Stamps compare as plain strings.
import type { Clock } from './clock.js';

export type HlcStamp = { wall: number; logical: number; node: string };

const WALL_DIGITS = 15;
const LOGICAL_DIGITS = 6;

export function formatHlc(s: HlcStamp): string {
  return `${String(s.wall).padStart(WALL_DIGITS, '0')}:${String(s.logical).padStart(LOGICAL_DIGITS, '0')}:${s.node}`;
}

export function parseHlc(text: string): HlcStamp {
  const m = /^(\d{15}):(\d{6}):(.+)$/.exec(text);
  if (!m) throw new Error(`not a hybrid clock stamp: ${text}`);
  return { wall: Number(m[1]), logical: Number(m[2]), node: m[3] ?? '' };
}

export type HybridClock = {
  /** A stamp for a local event. */
  tick(): string;
  /** Merge a stamp received from elsewhere, so later local stamps sort after it. */
  receive(remote: string): string;
  last(): string | null;
};

export function hybridClock(clock: Clock, node: string, last: string | null = null): HybridClock {
  let wall = 0;
  let logical = 0;
  if (last) {
    const p = parseHlc(last);
    wall = p.wall;
    logical = p.logical;
  }
  const stamp = () => formatHlc({ wall, logical, node });
  return {
    tick() {
      const now = clock.now();
      if (now > wall) {
        wall = now;
        logical = 0;
      } else {
        logical++;
      }
      return stamp();
    },
    receive(remote) {
      const r = parseHlc(remote);
      const now = clock.now();
      const maxWall = Math.max(wall, r.wall, now);
      if (maxWall === wall && maxWall === r.wall) logical = Math.max(logical, r.logical) + 1;
      else if (maxWall === wall) logical++;
      else if (maxWall === r.wall) logical = r.logical + 1;
      else logical = 0;
      wall = maxWall;
      return stamp();
    },
    last: () => (wall === 0 && logical === 0 ? null : stamp()),
  };
}
