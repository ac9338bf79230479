// The sync indicator's words in English; de-sync.ts has the same keys (its type says so).
export const enSync = {
  sync: {
    notEnrolled: 'Sync off',
    notEnrolledHint: 'This terminal is not enrolled with the chain’s sync server; an administrator enrols it with a one-time code.',
    online: 'Synced {{ago}}',
    never: 'Not synced yet',
    offline: 'Offline',
    waiting_one: '{{count}} to send',
    waiting_other: '{{count}} to send',
    lastError: 'Last error: {{message}}',
    exceptions_one: '{{count}} exception for a manager',
    exceptions_other: '{{count}} exceptions for a manager',
    now: 'Sync now',
    syncing: 'Syncing…',
    justNow: 'just now',
    minutesAgo_one: '{{count}} minute ago',
    minutesAgo_other: '{{count}} minutes ago',
    hoursAgo_one: '{{count}} hour ago',
    hoursAgo_other: '{{count}} hours ago',
    catchingUpStarting: 'Catching up…',
    catchingUp: 'Catching up {{percent}}%',
    catchingUpHint_one: 'This new counter is loading the chain’s data before it syncs as usual: {{count}} event so far.',
    catchingUpHint_other: 'This new counter is loading the chain’s data before it syncs as usual: {{count}} events so far.',
  },
};

export const enSyncErrors = {
  identityMismatch: 'This terminal is enrolled with another branch; a terminal never changes branch.',
  notEnrolled: 'This terminal is not enrolled with a sync server yet.',
  enrollFailed: 'The sync server did not accept the enrollment: check the address and ask for a new one-time code.',
};
