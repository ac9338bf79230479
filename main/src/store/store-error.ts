// Start-up failures the user must understand and act on: each has a stable code and a plain message.
export type StoreErrorCode =
  | 'store.dataDirUnwritable'
  | 'store.wrongKey'
  | 'store.notEncrypted'
  | 'store.corrupt'
  | 'store.inUse'
  | 'store.keyFileInsecure'
  | 'store.keyFileInvalid'
  | 'store.keyMissing'
  | 'store.newerSchema'
  | 'store.backupExists';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
