// The Customers section's and the controlled-drug register's words in English; de-patients.ts has the same keys.
export const enPatientsErrors = {
  controlled: {
    collectorRequired: 'This is a controlled medicine: record who collects it and the identity document they show.',
    notControlled: 'This product has no schedule, so it has no controlled-drug register.',
  },
};
