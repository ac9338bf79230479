// The sync indicator's words in German; typed as the English ones so no key can be missing.
import type { enSync, enSyncErrors } from './en-sync.js';

export const deSync: typeof enSync = {
  sync: {
    notEnrolled: 'Sync aus',
    notEnrolledHint: 'Dieses Terminal ist nicht beim Sync-Server der Kette angemeldet; ein Administrator meldet es mit einem Einmalcode an.',
    online: 'Synchronisiert {{ago}}',
    never: 'Noch nicht synchronisiert',
    offline: 'Offline',
    waiting_one: '{{count}} zu senden',
    waiting_other: '{{count}} zu senden',
    lastError: 'Letzter Fehler: {{message}}',
    exceptions_one: '{{count}} Ausnahme für die Filialleitung',
    exceptions_other: '{{count}} Ausnahmen für die Filialleitung',
    now: 'Jetzt synchronisieren',
    syncing: 'Synchronisiere…',
    justNow: 'gerade eben',
    minutesAgo_one: 'vor {{count}} Minute',
    minutesAgo_other: 'vor {{count}} Minuten',
    hoursAgo_one: 'vor {{count}} Stunde',
    hoursAgo_other: 'vor {{count}} Stunden',
    catchingUpStarting: 'Holt Daten nach…',
    catchingUp: 'Holt Daten nach: {{percent}} %',
    catchingUpHint_one: 'Diese neue Kasse lädt die Daten der Kette, bevor sie normal synchronisiert: bisher {{count}} Ereignis.',
    catchingUpHint_other: 'Diese neue Kasse lädt die Daten der Kette, bevor sie normal synchronisiert: bisher {{count}} Ereignisse.',
  },
};

export const deSyncErrors: typeof enSyncErrors = {
  identityMismatch: 'Dieses Terminal ist bei einer anderen Filiale angemeldet; ein Terminal wechselt nie die Filiale.',
  notEnrolled: 'Dieses Terminal ist noch nicht bei einem Sync-Server angemeldet.',
  enrollFailed: 'Der Sync-Server hat die Anmeldung nicht angenommen: Adresse prüfen und einen neuen Einmalcode anfordern.',
};
