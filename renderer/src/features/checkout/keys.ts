// Keyboard first (CONVENTIONS.md 9): the checkout's keys, read the same way everywhere. Alt+letter is matched by
// the physical key too, because on a Mac keyboard Alt turns the letter into another character.

export function isAlt(e: KeyboardEvent | { altKey: boolean; ctrlKey: boolean; metaKey: boolean; key: string; code: string }, letter: string): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && (e.key.toLowerCase() === letter || e.code === `Key${letter.toUpperCase()}` || e.code === `Digit${letter}`);
}

export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

/** A dialog handles its own keys (Enter submits its form, Esc closes it); the screen behind it stays still. */
export function inDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[role="dialog"]') !== null;
}

export function isPayKey(e: KeyboardEvent): boolean {
  return !e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'F12' || e.key === 'End');
}

/** A key that would type a character: where nothing takes typing, it belongs in the scan box. */
export function isPrintable(e: KeyboardEvent): boolean {
  return e.key.length === 1 && !e.ctrlKey && !e.altKey && !e.metaKey;
}
