// Die Wörter der Scanner auf Deutsch; typisiert wie en-scanning.ts, damit kein Schlüssel fehlt.
import type { enDevicesPermissions, enScanning, enScanningErrors } from './en-scanning.js';

type Words<T> = { [K in keyof T]: T[K] extends string ? string : Words<T[K]> };

export const deScanning: Words<typeof enScanning> = {
  scanning: {
    title: 'Scanner',
    intro: 'Serielle und USB-HID-Barcodescanner dieses Arbeitsplatzes. Tastatur-Scanner brauchen hier keine Einrichtung.',
    none: 'Für diesen Arbeitsplatz ist kein serieller oder HID-Scanner eingerichtet.',
    add: 'Scanner hinzufügen',
    edit: 'Bearbeiten',
    remove: 'Entfernen',
    saved: 'Scanner gespeichert.',
    removed: 'Scanner entfernt.',
    readOnly: 'Nur eine Filialleitung oder ein Administrator kann Scanner ändern.',
    hostStopped: 'Für diesen Arbeitsplatz läuft kein Scanner-Dienst: Scanner arbeiten, wenn Mortar als Kassen-App oder mit `mortar serve` läuft.',
    listPorts: 'Anschlüsse und Geräte auflisten',
    noPorts: 'Kein serieller Anschluss und kein HID-Scanner gefunden.',
    disabled: 'Ausgeschaltet',
    lastScan: 'Letzter Scan {{time}}',
    indicator: 'Scanner',
    links: { connected: 'Verbunden', connecting: 'Verbindet…', disconnected: 'Getrennt', stopped: 'Läuft nicht' },
    kinds: { serial: 'Seriell', hid: 'USB-HID (POS)' },
    parities: { none: 'Keine', even: 'Gerade', odd: 'Ungerade' },
    suffixes: { cr: 'CR (Wagenrücklauf)', lf: 'LF (Zeilenvorschub)', crlf: 'CR LF', none: 'Keins (eine Pause beendet den Scan)' },
    fields: {
      name: 'Name',
      kind: 'Anschluss',
      path: 'Serieller Anschluss',
      baudRate: 'Baudrate',
      dataBits: 'Datenbits',
      parity: 'Parität',
      stopBits: 'Stoppbits',
      suffix: 'Abschluss nach jedem Scan',
      gsSubstitute: 'Zeichen, das der Scanner für GS sendet',
      gsHint: 'Leer lassen, wenn der Scanner Zeichen 29 selbst sendet.',
      vendorId: 'USB-Hersteller-ID (hex)',
      productId: 'USB-Produkt-ID (hex)',
      serialNumber: 'Seriennummer (optional)',
      enabled: 'Diesen Scanner verwenden',
    },
  },
};

export const deScanningErrors: Words<typeof enScanningErrors> = {
  badBaudRate: 'Diese Baudrate verwenden Scanner nicht; bitte eine aus der Liste wählen.',
  unknownPort: 'Diesen seriellen Anschluss gibt es an diesem Arbeitsplatz nicht. Scanner anschließen und die Anschlüsse erneut auflisten.',
  portTaken: 'Ein anderer Scanner verwendet diesen Anschluss oder dieses Gerät bereits.',
  scannerNotFound: 'Dieser Scanner ist für diesen Arbeitsplatz nicht eingerichtet.',
  badGsSubstitute: 'Dieses Zeichen kann in einem Barcode vorkommen und darf daher nicht für GS stehen; bitte z. B. ~ oder ^ wählen.',
  tooManyScanners: 'Dieser Arbeitsplatz hat bereits so viele Scanner, wie er aufnehmen kann.',
};

export const deDevicesPermissions: Words<typeof enDevicesPermissions> = { manage: 'Scanner einrichten' };
