// The words for the prescription and patient errors in English; de-rx.ts has the same keys (its type says so).
export const enRxErrors = {
  patients: { notFound: 'There is no such patient.' },
  rx: {
    notFound: 'There is no such prescription.',
    alreadyVerified: 'This prescription is already verified.',
    notVerified: 'A pharmacist must verify this prescription before it is dispensed.',
    secondFactorRejected: 'The password or PIN given to sign was not accepted.',
    acknowledgementRequired: 'Each major or contraindicated finding needs a reason before the prescription can be signed.',
    productRequired: 'An item is not matched to a product in the catalog; choose the product first.',
    noRefillsLeft: 'No refills are left on this prescription.',
    refillTooEarly: 'This refill is not due yet; give a reason to dispense it early.',
    idempotencyConflict: 'This dispense was already recorded with different details.',
    unknownLine: 'The prescription has no such item.',
    outsideScanFolder: 'Only files in the scanner folder can be read.',
  },
  intake: {
    notFound: 'The image file was not found.',
    tooLarge: 'The image is too large (over 50 MB).',
    notAnImage: 'This file is not an image.',
    corruptImage: 'The image is damaged and cannot be read.',
    blankPage: 'The page is blank.',
    notAPrescription: 'No prescription was found on this page.',
    ocrFailed: 'The text on the image could not be read.',
    workerFailed: 'Reading the image stopped unexpectedly; try again.',
    timeout: 'Reading the image took too long; try again.',
  },
};
