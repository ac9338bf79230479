import { afterEach, describe, expect, it } from 'vitest';
import { addUser, createTestCore, expectOk, setUpPharmacy, type TestCore } from '../testing/index.js';
import { auditLog } from './audit-log.js';

let core: TestCore;
afterEach(() => core?.dispose());

async function coreWithHistory(): Promise<TestCore> {
  core = createTestCore();
  const { admin } = await setUpPharmacy(core);
  for (const [username, role] of [['casey', 'cashier'], ['pat', 'pharmacist'], ['morgan', 'manager']] as const) {
    core.clock.advance(1000);
    await addUser(admin, { username, displayName: username, role, password: `${username}-password-1` });
  }
  return core;
}

/** What someone with the key and a SQLite shell could do behind Mortar's back. */
function tamper(c: TestCore, sql: string): void {
  c.db.exec('DROP TRIGGER audit_log_immutable_update; DROP TRIGGER audit_log_immutable_delete;');
  c.db.exec(sql);
}

describe('the audit chain', () => {
  it('verifies an untouched history', async () => {
    const c = await coreWithHistory();
    const result = auditLog(c.db).verify();
    expect(result).toEqual({ ok: true, entries: 5, firstBroken: null });
    // The same walk through the API; logging in to ask adds one more (audited) entry.
    expect(expectOk(await (await setUpAdmin(c)).invoke('audit.verifyChain', {}))).toEqual({ ok: true, entries: 6, firstBroken: null });
  });

  it('names the first entry whose content was edited', async () => {
    const c = await coreWithHistory();
    tamper(c, "UPDATE audit_log SET actor_name = 'Someone Else' WHERE seq = 3");
    expect(auditLog(c.db).verify()).toEqual({ ok: false, entries: 3, firstBroken: { seq: 3, reason: 'hashMismatch' } });
  });

  it('finds an entry that was deleted from the middle', async () => {
    const c = await coreWithHistory();
    tamper(c, 'DELETE FROM audit_log WHERE seq = 2');
    expect(auditLog(c.db).verify().firstBroken).toEqual({ seq: 3, reason: 'sequenceGap' });
  });

  it('finds an entry rewritten with a fresh hash, because the next link no longer matches', async () => {
    const c = await coreWithHistory();
    const row = c.db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<string, unknown>;
    tamper(c, "UPDATE audit_log SET hash = 'f'||substr(hash, 2) WHERE seq = 2");
    expect(row).toBeDefined();
    expect(auditLog(c.db).verify().firstBroken).toEqual({ seq: 2, reason: 'hashMismatch' });
  });

  it('refuses edits through SQL while the immutability triggers stand', async () => {
    const c = await coreWithHistory();
    expect(() => c.db.exec('UPDATE audit_log SET reason = NULL')).toThrow(/immutable/);
  });

  it('records before and after as digests, never the values themselves', async () => {
    const c = await coreWithHistory();
    const entry = c.db.prepare("SELECT * FROM audit_log WHERE action = 'users.createUser' ORDER BY seq DESC LIMIT 1").get() as {
      after_digest: string;
    };
    expect(entry.after_digest).toMatch(/^[0-9a-f]{64}$/);
  });
});

async function setUpAdmin(c: TestCore) {
  const conn = c.connect();
  expectOk(await conn.invoke('auth.login', { username: 'admin', password: 'correct-horse-battery' }));
  return conn;
}
