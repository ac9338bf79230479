// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AuditEntry, Role } from '@mortar/main/contract';
import { App } from '../../app/app.js';
import { createFakeBridge } from '../../test/fake-bridge.js';
import { initializedStatus, session, terminalSettings } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { AUDIT_PAGE_SIZE } from './audit-log.js';

afterEach(cleanup);

const TOTAL = 120;

function entry(seq: number): AuditEntry {
  return {
    seq,
    id: `id-${seq}`,
    at: Date.UTC(2026, 10, 27, 9, 0, seq),
    deviceId: 'd',
    actorId: 'a',
    actorName: 'Avery Admin',
    approvedById: null,
    action: seq % 2 ? 'auth.login' : 'users.createUser',
    entityType: 'user',
    entityId: '01900000-0000-7000',
    beforeDigest: null,
    afterDigest: null,
    reason: null,
    prevHash: 'p',
    hash: 'h',
  };
}

function auditCore(role: Role, verification: unknown = { ok: true, entries: TOTAL, firstBroken: null }) {
  return createFakeBridge({
    'setup.getStatus': () => initializedStatus,
    'auth.getSession': () => session(role),
    'settings.getSettings': () => terminalSettings,
    'catalog.searchProducts': () => ({ hits: [], corrections: [] }),
    'audit.listEntries': (input: { beforeSeq?: number; limit: number }) => {
      const top = (input.beforeSeq ?? TOTAL + 1) - 1;
      const out: AuditEntry[] = [];
      for (let s = top; s >= 1 && out.length < input.limit; s--) out.push(entry(s));
      return out;
    },
    'audit.verifyChain': () => verification,
  });
}

const firstSeq = () => screen.getAllByTestId('audit-row')[0]?.querySelector('td')?.textContent;

describe('the audit log', () => {
  it('lists the newest entries first and pages back with beforeSeq', async () => {
    const user = userEvent.setup();
    const bridge = auditCore('manager');
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('catalog-search');
    await user.keyboard('{F5}');
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(AUDIT_PAGE_SIZE));
    expect(firstSeq()).toBe(String(TOTAL));

    await user.click(screen.getByTestId('audit-older'));
    await waitFor(() => expect(firstSeq()).toBe(String(TOTAL - AUDIT_PAGE_SIZE)));
    expect(bridge.callsOf('audit.listEntries').at(-1)).toEqual({ beforeSeq: TOTAL - AUDIT_PAGE_SIZE + 1, limit: AUDIT_PAGE_SIZE });

    await user.keyboard('{PageDown}');
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(TOTAL - 2 * AUDIT_PAGE_SIZE));
    expect((screen.getByTestId('audit-older') as HTMLButtonElement).disabled).toBe(true);

    await user.keyboard('{PageUp}');
    await waitFor(() => expect(firstSeq()).toBe(String(TOTAL - AUDIT_PAGE_SIZE)));
  });

  it('verifies the chain and says it is intact', async () => {
    const user = userEvent.setup();
    const bridge = auditCore('admin');
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('catalog-search');
    await user.keyboard('{F5}');
    await waitFor(() => expect(screen.getByTestId('audit-verify')).toBe(document.activeElement));
    await user.keyboard('{Enter}');
    expect((await screen.findByTestId('audit-verify-result')).textContent).toBe(`The chain is intact: ${TOTAL} entries checked.`);
  });

  it('names the first broken link when the chain is broken', async () => {
    const user = userEvent.setup();
    const bridge = auditCore('admin', { ok: false, entries: 57, firstBroken: { seq: 57, reason: 'hashMismatch' } });
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('catalog-search');
    await user.keyboard('{F5}');
    await screen.findByTestId('audit-verify');
    await user.keyboard('{Alt>}v{/Alt}');
    const result = await screen.findByTestId('audit-verify-result');
    expect(result.textContent).toContain('broken at entry #57');
    expect(result.textContent).toContain('does not match its hash');
    expect(result.className).toContain('banner-error');
  });

  it('tells a cashier the log needs a permission they lack, without asking the core', async () => {
    const user = userEvent.setup();
    const bridge = auditCore('cashier');
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('catalog-search');
    await user.keyboard('{F5}');
    expect((await screen.findByTestId('audit-not-allowed')).textContent).toContain('Cashier');
    expect(screen.queryByTestId('audit-verify')).toBeNull();
    expect(bridge.callsOf('audit.listEntries')).toEqual([]);
  });
});
