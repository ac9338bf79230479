// The printers' and the print queue's words in German; typed as the English ones so no key can be missing.
import type { enPrinting, enPrintingErrors, enPrintingPermissions } from './en-printing.js';

export const dePrinting: typeof enPrinting = {
  printing: {
    title: 'Drucker',
    intro: 'Belegdrucker dieser Kasse. Belege warten in einer Warteschlange, solange ein Drucker offline ist oder kein Papier hat.',
    none: 'Für diese Kasse ist noch kein Drucker eingerichtet.',
    add: 'Drucker hinzufügen',
    edit: 'Bearbeiten',
    remove: 'Entfernen',
    testPrint: 'Testdruck',
    testQueued: 'Testseite an {{name}} gesendet.',
    saved: 'Drucker gespeichert.',
    removed: 'Drucker entfernt.',
    retry: 'Jetzt erneut versuchen',
    queue_zero: 'Es wartet nichts auf den Druck.',
    queue_one: '{{count}} Auftrag wartet auf den Druck.',
    queue_other: '{{count}} Aufträge warten auf den Druck.',
    workerStopped: 'Für diese Kasse läuft kein Druckdienst: Aufträge warten, bis Mortar als Kassen-App oder mit `mortar serve` läuft.',
    receiptPrinter: 'Belegdrucker',
    readOnly: 'Nur eine Filialleitung oder ein Administrator kann Drucker ändern.',
    waiting: 'Wartend: {{count}}',
    states: {
      idle: 'Bereit',
      connecting: 'Verbinde…',
      connected: 'Verbunden',
      printing: 'Druckt…',
      paperOut: 'Kein Papier',
      coverOpen: 'Deckel offen',
      offline: 'Offline',
      error: 'Druckerfehler',
      stopped: 'Läuft nicht',
    },
    fields: {
      name: 'Name',
      kind: 'Verbindung',
      host: 'Adresse (IP oder Hostname)',
      port: 'TCP-Port',
      path: 'Serielle Schnittstelle',
      baudRate: 'Baudrate',
      device: 'Gerätepfad',
      paperWidth: 'Papierbreite',
      codepage: 'Codepage',
      hasDrawer: 'An diesem Drucker hängt eine Kassenlade',
      isReceiptPrinter: 'Belege auf diesem Drucker drucken',
      cutter: 'Der Drucker hat einen Abschneider',
    },
    kinds: { tcp: 'Netzwerk (TCP)', serial: 'Seriell', usb: 'USB' },
    paper: { '58': '58 mm', '80': '80 mm' },
    listPorts: 'Serielle Schnittstellen suchen',
    noPorts: 'Keine seriellen Schnittstellen gefunden.',
    receipt: {
      printed: 'Beleg gedruckt.',
      printing: 'Der Beleg wird gedruckt…',
      queued: 'Der Beleg steht in der Warteschlange und wird gleich gedruckt.',
      offline: 'Der Drucker ist offline: Der Beleg wartet und wird gedruckt, sobald der Drucker wieder da ist.',
      paperOut: 'Der Drucker hat kein Papier: Der Beleg wartet und wird gedruckt, sobald Papier eingelegt ist.',
      failed: 'Der Beleg konnte noch nicht gedruckt werden ({{reason}}); er bleibt in der Warteschlange und wird erneut versucht.',
      noPrinter: 'Es ist kein Belegdrucker eingerichtet; der Beleg wurde nicht gedruckt.',
      notRunning: 'Der Beleg wartet; er wird gedruckt, sobald der Druckdienst läuft.',
      reprint: 'Nachdrucken',
      reprinted: 'Eine Kopie wird gedruckt.',
    },
  },
};

export const dePrintingErrors: typeof enPrintingErrors = {
  printerNotFound: 'Dieser Drucker ist für diese Kasse nicht eingerichtet.',
  noReceiptPrinter: 'Für diese Kasse ist kein Belegdrucker eingerichtet.',
  portsUnavailable: 'Die seriellen Schnittstellen dieses Computers konnten nicht gelesen werden.',
};

export const dePrintingPermissions: typeof enPrintingPermissions = { manage: 'Drucker einrichten' };
