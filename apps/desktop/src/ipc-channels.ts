// The IPC channels between the preload bridge and the main process; one place so both sides agree.
export const INVOKE_CHANNEL = 'mortar:invoke';
export const CHANGE_CHANNEL = 'mortar:change';
/** Main → window: device scans and scanner state changes (`ScanningPush`). */
export const SCANNING_CHANNEL = 'mortar:scanning';
