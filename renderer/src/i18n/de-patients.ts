// The Customers section's and the controlled-drug register's words in German; typed as the English ones so no key can be missing.
import type { enPatientsErrors } from './en-patients.js';

export const dePatientsErrors: typeof enPatientsErrors = {
  controlled: {
    collectorRequired: 'Dies ist ein Betäubungsmittel: Erfassen Sie, wer es abholt, und den vorgelegten Ausweis.',
    notControlled: 'Dieses Produkt ist keiner Anlage zugeordnet und hat daher kein Betäubungsmittelbuch.',
  },
};
