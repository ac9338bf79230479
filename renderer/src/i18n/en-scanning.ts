// The scanners' words in English; de-scanning.ts has the same keys (its type says so).
export const enScanning = {
  scanning: {
    title: 'Scanners',
    intro: 'Serial and USB HID barcode scanners of this terminal. Keyboard-wedge scanners need no setup here.',
    none: 'No serial or HID scanner is set up for this terminal.',
    add: 'Add a scanner',
    edit: 'Edit',
    remove: 'Remove',
    saved: 'Scanner saved.',
    removed: 'Scanner removed.',
    readOnly: 'Only a manager or an administrator can change scanners.',
    hostStopped: 'No scanner host runs for this terminal: scanners work when Mortar runs as the counter app or `mortar serve`.',
    listPorts: 'List ports and devices',
    noPorts: 'No serial port or HID scanner found.',
    disabled: 'Switched off',
    lastScan: 'Last scan {{time}}',
    indicator: 'Scanners',
    links: { connected: 'Connected', connecting: 'Connecting…', disconnected: 'Disconnected', stopped: 'Not running' },
    kinds: { serial: 'Serial', hid: 'USB HID (POS)' },
    parities: { none: 'None', even: 'Even', odd: 'Odd' },
    suffixes: { cr: 'CR (carriage return)', lf: 'LF (line feed)', crlf: 'CR LF', none: 'None (a pause ends the scan)' },
    fields: {
      name: 'Name',
      kind: 'Connection',
      path: 'Serial port',
      baudRate: 'Baud rate',
      dataBits: 'Data bits',
      parity: 'Parity',
      stopBits: 'Stop bits',
      suffix: 'Suffix after each scan',
      gsSubstitute: 'Character the scanner sends for GS',
      gsHint: 'Leave empty when the scanner sends character 29 itself.',
      vendorId: 'USB vendor id (hex)',
      productId: 'USB product id (hex)',
      serialNumber: 'Serial number (optional)',
      enabled: 'Use this scanner',
    },
  },
};

export const enScanningErrors = {
  badBaudRate: 'Scanners do not use that baud rate; choose one from the list.',
  unknownPort: 'There is no such serial port on this terminal. Plug the scanner in and list the ports again.',
  portTaken: 'Another scanner already uses this port or device.',
  scannerNotFound: 'That scanner is not set up for this terminal.',
  badGsSubstitute: 'That character can be part of a barcode, so it cannot stand for GS; choose one such as ~ or ^.',
  tooManyScanners: 'This terminal has as many scanners as it can take.',
};

export const enDevicesPermissions = { manage: 'set up scanners' };
