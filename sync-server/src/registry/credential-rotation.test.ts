import { describe, expect, it } from 'vitest';
import { ADMIN, freshHarness, type Harness } from '../testing/http-fixtures.js';
import { makeEvent } from '../testing/fixtures.js';

describe('device credential rotation', () => {
  const setup = freshHarness();

  const rotate = async (h: Harness, credential: string) => {
    const r = await h.app.inject({ method: 'POST', url: '/v1/credential', headers: { authorization: `Bearer ${credential}` } });
    return { status: r.statusCode, json: r.json() as Record<string, unknown> };
  };
  const pullWith = async (h: Harness, credential: string) =>
    (await h.app.inject({ method: 'GET', url: '/v1/events?after=0', headers: { authorization: `Bearer ${credential}` } })).statusCode;

  it('keeps the old credential working until the new one is first used, then only the new one', async () => {
    const h = await setup();
    const c = await h.branchWithDevice();
    const first = await rotate(h, c.credential);
    expect(first).toMatchObject({ status: 200, json: { ok: true, credential: expect.stringMatching(/^msd_/) } });
    const fresh = first.json.credential as string;
    expect(fresh).not.toBe(c.credential);
    // The answer may be lost: the old credential still works, and asks again for another.
    expect(await pullWith(h, c.credential)).toBe(200);
    const again = (await rotate(h, c.credential)).json.credential as string;
    expect(await pullWith(h, fresh)).toBe(401);
    // The latest one, once used, is the device's credential; the old one is over.
    expect((await h.push({ ...c, credential: again }, [makeEvent(c)])).status).toBe(200);
    expect(await pullWith(h, c.credential)).toBe(401);
    expect(await pullWith(h, again)).toBe(200);
    const rows = await h.db.query<{ pending_credential_hash: string | null; credential_rotated_at: Date | null }>('SELECT pending_credential_hash, credential_rotated_at FROM devices WHERE id = $1', [c.deviceId]);
    expect(rows[0]?.pending_credential_hash).toBeNull();
    expect(rows[0]?.credential_rotated_at).not.toBeNull();
  });

  it('gives a revoked device no new credential, and refuses one rotated before the revocation', async () => {
    const h = await setup();
    const c = await h.branchWithDevice();
    const fresh = (await rotate(h, c.credential)).json.credential as string;
    expect((await h.admin(`/v1/admin/devices/${c.deviceId}/revoke`)).status).toBe(200);
    expect((await rotate(h, c.credential)).status).toBe(403);
    expect(await pullWith(h, fresh)).toBe(403);
    expect((await rotate(h, ADMIN)).status).toBe(401);
  });
});
