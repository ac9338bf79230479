// What a terminal's process (`mortar serve`, the desktop main) needs to run its scanners beside its core.
export { startScannerHost, hubConfigOf, type ScannerHost, type ScannerHostOptions } from './scanner-host.js';
export { pickScanTarget, type ScanTargetCandidate } from './scan-target.js';
