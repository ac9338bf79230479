import { describe, expect, it } from 'vitest';
import { chooseDataDir, parseDesktopArgs } from './desktop-args.js';

describe('desktop arguments', () => {
  it('read --data-dir in both spellings, the last one winning', () => {
    expect(parseDesktopArgs(['/opt/Mortar/mortar', '--data-dir', '/srv/till-2'])).toEqual({ dataDir: '/srv/till-2' });
    expect(parseDesktopArgs(['electron', 'apps/desktop', '--data-dir=/srv/a', '--data-dir=/srv/b'])).toEqual({ dataDir: '/srv/b' });
  });

  it("ignore Chromium's switches and a --data-dir without a value", () => {
    expect(parseDesktopArgs(['electron', '--no-sandbox', '--data-dir', '--inspect'])).toEqual({ dataDir: null });
    expect(parseDesktopArgs(['electron', '--data-dir='])).toEqual({ dataDir: null });
  });

  it('choose --data-dir, then MORTAR_DATA_DIR, then userData, resolved to an absolute path', () => {
    expect(chooseDataDir({ dataDir: 'till' }, { MORTAR_DATA_DIR: '/env' }, '/home/u/.config/Mortar', '/work')).toBe('/work/till');
    expect(chooseDataDir({ dataDir: null }, { MORTAR_DATA_DIR: '/env' }, '/home/u/.config/Mortar')).toBe('/env');
    expect(chooseDataDir({ dataDir: null }, {}, '/home/u/.config/Mortar')).toBe('/home/u/.config/Mortar');
  });
});
