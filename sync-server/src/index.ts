// The head-office sync service is built by the branch-sync work; until then this package is empty.
export {};
