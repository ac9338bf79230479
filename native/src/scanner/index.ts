// The barcode scanners' public surface: one scan type, the serial and HID POS drivers, the keyboard-wedge
// detector the renderer runs, the hub that merges a terminal's scanners into one stream, and port listing.
export {
  scannerErrorCodes,
  type ScanDiscard,
  type ScanEvent,
  type ScannerError,
  type ScannerErrorCode,
  type ScannerResult,
  type ScannerState,
  type ScannerStatus,
  type ScanSource,
} from './scan-event.js';
export { leadingSymbologyId, symbologyIdFromBytes } from './symbology-id.js';
export { bytesToScanText, type ScanEncoding } from './scan-text.js';
export {
  defaultScannerId,
  hidScannerConfigSchema,
  parseScannerConfig,
  parseScannerConfigs,
  scannerConfigSchema,
  serialScannerConfigSchema,
  type HidScannerConfig,
  type HidScannerConfigInput,
  type ScannerConfig,
  type ScannerConfigInput,
  type SerialScannerConfig,
  type SerialScannerConfigInput,
} from './scanner-config.js';
export type { ScannerDriver, ScannerEvents, Unsubscribe, ListenerErrorHandler } from './scanner-events.js';
export { defaultScannerBackoff, scannerRetryDelay, type ScannerBackoff } from './reconnect.js';
export { SerialFramer, type SerialFramerSettings, type SerialSuffix } from './serial-framer.js';
export { SerialScanner, type SerialBinding, type SerialScannerOptions } from './serial-scanner.js';
export { listPorts, type SerialPortInfo } from './serial-ports.js';
export {
  decodeHidReport,
  HidScanAssembler,
  type HidReportFormat,
  type HidReportSettings,
  type HidScanSegment,
} from './hid-report.js';
export {
  createNodeHidBackend,
  HID_POS_BARCODE_USAGE_PAGE,
  listHidScanners,
  nodeHidBackend,
  type HidBackend,
  type HidDeviceInfo,
  type HidDeviceLike,
} from './hid-backend.js';
export { HidScanner, pickHidDevice, type HidScannerOptions } from './hid-scanner.js';
export { WedgeDetector, type WedgeKeyEvent, type WedgeKeySpec, type WedgeOptions, type WedgeStep } from './wedge-detector.js';
export {
  ScannerHub,
  type ReconfigureSummary,
  type ScannerHubEvents,
  type ScannerHubOptions,
  type ScannerStateEntry,
} from './scanner-hub.js';
