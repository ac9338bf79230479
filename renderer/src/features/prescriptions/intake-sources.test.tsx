// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeBridge } from '../../test/fake-bridge.js';
import { session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { PrescriptionsScreen } from './prescriptions-screen.js';
import { reading } from './rx-test-data.js';

afterEach(() => {
  cleanup();
  Reflect.deleteProperty(navigator, 'mediaDevices');
});

const folder = { folder: '/srv/scans', configured: true, exists: true, files: [{ name: 'page-1.png', bytes: 2048, modifiedAt: 1 }] };

describe('bringing a prescription in from the scanner folder or the camera', () => {
  it('lists the pages waiting in the scanner folder and reads the one chosen', async () => {
    const bridge = createFakeBridge({
      'rx.listIntakeFolder': () => folder,
      'rx.takeIntakeFile': () => ({ name: 'page-1.png', mediaType: 'image/png', image: 'iVBORw0KGgo=', reading: reading() }),
      'rx.parseSig': () => ({ understood: true, directions: 'x', dosage: {}, confidence: 1, unparsed: [], notes: [] }),
    });
    renderWith(<PrescriptionsScreen session={session('pharmacist')} />, bridge);
    expect((await screen.findByTestId('rx-folder-path')).textContent).toContain('/srv/scans');
    await userEvent.click(await screen.findByTestId('rx-folder-file'));
    await screen.findByTestId('rx-review');
    expect(bridge.callsOf('rx.takeIntakeFile')).toEqual([{ name: 'page-1.png' }]);
    expect(screen.getByRole('img').getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');
  });

  it('lets only a manager of settings change the folder', async () => {
    renderWith(<PrescriptionsScreen session={session('pharmacist')} />, createFakeBridge({ 'rx.listIntakeFolder': () => folder }));
    await screen.findByTestId('rx-folder-path');
    expect(screen.queryByTestId('rx-folder-change')).toBeNull();
  });

  it('says so when the camera may not be used', async () => {
    const denied = Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia: () => Promise.reject(denied) } });
    renderWith(<PrescriptionsScreen session={session('pharmacist')} />, createFakeBridge({ 'rx.listIntakeFolder': () => folder }));
    await userEvent.click(await screen.findByTestId('rx-camera-start'));
    expect((await screen.findByTestId('rx-camera-error')).textContent).toContain('permission was refused');
  });

  it('says so when the terminal has no camera', async () => {
    renderWith(<PrescriptionsScreen session={session('pharmacist')} />, createFakeBridge({ 'rx.listIntakeFolder': () => folder }));
    await userEvent.click(await screen.findByTestId('rx-camera-start'));
    expect((await screen.findByTestId('rx-camera-error')).textContent).toContain('No camera was found');
  });
});
