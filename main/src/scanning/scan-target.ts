// Rule: a scanner belongs to one counter, and a scan must land in exactly one cart. Of the terminal's screens
// (browser tabs on the loopback interface, or the desktop window), the scan goes to the one a user is logged in
// on and worked in last; with nobody logged in, it goes nowhere (the till would have no cart to put it in).
import type { ConnectionState } from '../api/command-context.js';

export type ScanTargetCandidate<T> = { target: T; state: ConnectionState };

export function pickScanTarget<T>(candidates: Iterable<ScanTargetCandidate<T>>): T | null {
  let best: { target: T; at: number } | null = null;
  for (const c of candidates) {
    const session = c.state.session;
    if (!session || session.locked) continue;
    if (!best || session.lastActivityAt > best.at) best = { target: c.target, at: session.lastActivityAt };
  }
  return best?.target ?? null;
}
