// A box that takes nothing but pack codes: a keyboard-wedge scanner's burst ended by Enter, a device scan, or
// a label typed by hand. Unlike the till's box it never searches, so the whole box is the scan at Enter and
// no timing is needed to tell a scan from typing; the box empties after each.
import { useState, type KeyboardEvent } from 'react';
import { useAppSelector } from '../../app/hooks.js';
import { useDeviceScans } from '../scanning/use-scanning.js';
import { GS } from '../checkout/wedge-detector.js';

export type WedgeBox = {
  value: string;
  setValue: (v: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  gsSubstitute: string | null;
};

/** The box's text as the scanner meant it: its GS substitute (when set) back to GS. */
export function restoreGs(text: string, gsSubstitute: string | null): string {
  return gsSubstitute ? text.split(gsSubstitute).join(GS) : text;
}

export function useWedgeBox(onScan: (text: string) => void): WedgeBox {
  const gsSubstitute = useAppSelector((s) => s.preferences.gsSubstitute) ?? null;
  const [value, setValue] = useState('');
  useDeviceScans(onScan);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const text = e.currentTarget.value;
    if (e.ctrlKey && !e.altKey && e.key === ']') {
      // Some scanners send GS as Ctrl+].
      e.preventDefault();
      setValue(text + GS);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      setValue('');
      const scan = restoreGs(text, gsSubstitute).trim();
      if (scan !== '') onScan(scan);
    } else if (e.key === 'Escape') {
      setValue('');
    }
  };

  return { value, setValue, onKeyDown, gsSubstitute };
}
