// Keyboard first (CONVENTIONS.md 9): the frame's keys work from anywhere, so nothing at the till needs a mouse.
import { useEffect } from 'react';
import { sections, type Section } from './navigation-slice.js';

export type GlobalKeyActions = {
  chooseSection: (section: Section) => void;
  lock: () => void;
  logout: () => void;
  focusSearch: () => void;
};

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  }
  return false;
}

/** Returns true when the key was one of the frame's and has been handled. */
export function handleGlobalKey(e: KeyboardEvent, actions: GlobalKeyActions): boolean {
  const fn = /^F([1-6])$/.exec(e.key);
  if (fn && !e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey) {
    actions.chooseSection(sections[Number(fn[1]) - 1] as Section);
    return true;
  }
  if (e.ctrlKey && !e.altKey && !e.metaKey && e.key.toLowerCase() === 'l') {
    if (e.shiftKey) actions.logout();
    else actions.lock();
    return true;
  }
  if (e.key === '/' && !e.ctrlKey && !e.altKey && !e.metaKey && !isEditable(e.target)) {
    actions.focusSearch();
    return true;
  }
  return false;
}

export function useGlobalKeys(enabled: boolean, actions: GlobalKeyActions): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      // The browser's own meanings of these keys (help, find, reload, address bar) must not fire at the till.
      if (handleGlobalKey(e, actions)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [enabled, actions]);
}
