// The words for the prescription and patient errors in German; typed as the English ones so no key can be missing.
import type { enRxErrors } from './en-rx.js';

export const deRxErrors: typeof enRxErrors = {
  patients: { notFound: 'Diesen Patienten gibt es nicht.' },
  rx: {
    notFound: 'Dieses Rezept gibt es nicht.',
    alreadyVerified: 'Dieses Rezept ist bereits geprüft.',
    notVerified: 'Ein Apotheker muss dieses Rezept prüfen, bevor es abgegeben wird.',
    secondFactorRejected: 'Das zur Unterschrift eingegebene Passwort oder die PIN wurde nicht angenommen.',
    acknowledgementRequired: 'Jeder schwere oder kontraindizierte Befund braucht eine Begründung, bevor das Rezept unterschrieben werden kann.',
    productRequired: 'Eine Position ist keinem Artikel im Katalog zugeordnet; wählen Sie zuerst den Artikel.',
    noRefillsLeft: 'Auf diesem Rezept sind keine Wiederholungen mehr übrig.',
    refillTooEarly: 'Diese Wiederholung ist noch nicht fällig; geben Sie einen Grund für die frühe Abgabe an.',
    idempotencyConflict: 'Diese Abgabe wurde bereits mit anderen Angaben erfasst.',
    unknownLine: 'Das Rezept hat keine solche Position.',
    outsideScanFolder: 'Nur Dateien aus dem Scanner-Ordner können gelesen werden.',
  },
  intake: {
    notFound: 'Die Bilddatei wurde nicht gefunden.',
    tooLarge: 'Das Bild ist zu groß (über 50 MB).',
    notAnImage: 'Diese Datei ist kein Bild.',
    corruptImage: 'Das Bild ist beschädigt und kann nicht gelesen werden.',
    blankPage: 'Die Seite ist leer.',
    notAPrescription: 'Auf dieser Seite wurde kein Rezept gefunden.',
    ocrFailed: 'Der Text auf dem Bild konnte nicht gelesen werden.',
    workerFailed: 'Das Lesen des Bildes wurde unerwartet abgebrochen; bitte erneut versuchen.',
    timeout: 'Das Lesen des Bildes hat zu lange gedauert; bitte erneut versuchen.',
  },
};
