import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('service configuration', () => {
  it('runs on PGlite in ./mortar-sync-data on 127.0.0.1:8787 when nothing is set', () => {
    expect(readConfig([], {})).toEqual({
      ok: true,
      config: { databaseUrl: null, dataDir: './mortar-sync-data', host: '127.0.0.1', port: 8787, tls: null, adminToken: null, logLevel: 'info', bodyLimit: 1_048_576 },
    });
  });

  it('takes PostgreSQL, the data directory, address, TLS and admin token from the environment, and flags over it', () => {
    const env = { DATABASE_URL: 'postgres://db/mortar', MORTAR_SYNC_DATA_DIR: '/var/lib/x', PORT: '9000', MORTAR_SYNC_HOST: '0.0.0.0', MORTAR_SYNC_ADMIN_TOKEN: 'a-long-enough-admin-token', MORTAR_SYNC_TLS_CERT: 'c.pem', MORTAR_SYNC_TLS_KEY: 'k.pem' };
    const r = readConfig(['--port', '9100', '--tls-cert', 'cert.pem'], env);
    expect(r).toEqual({
      ok: true,
      config: { databaseUrl: 'postgres://db/mortar', dataDir: '/var/lib/x', host: '0.0.0.0', port: 9100, tls: { certFile: 'cert.pem', keyFile: 'k.pem' }, adminToken: 'a-long-enough-admin-token', logLevel: 'info', bodyLimit: 1_048_576 },
    });
  });

  it('refuses an unknown flag, a bad port, half a TLS pair and a short admin token, and answers --help', () => {
    expect(readConfig(['--nope'], {})).toMatchObject({ ok: false, error: { code: 'config.invalid' } });
    expect(readConfig(['--port', '70000'], {})).toMatchObject({ ok: false });
    expect(readConfig(['--port', 'http'], {})).toMatchObject({ ok: false });
    expect(readConfig(['--tls-key', 'k.pem'], {})).toMatchObject({ ok: false, error: { message: '--tls-cert and --tls-key go together' } });
    expect(readConfig([], { MORTAR_SYNC_ADMIN_TOKEN: 'short' })).toMatchObject({ ok: false });
    const help = readConfig(['--help'], {});
    expect(help.ok && 'help' in help && help.help).toContain('--database-url');
  });

  it('believes X-Forwarded-For only from the reverse proxies it is told of, and refuses anything else as a proxy', () => {
    const plain = readConfig([], {});
    expect(plain.ok && 'config' in plain ? plain.config.trustProxy : 'not read').toBeUndefined();
    expect(readConfig(['--trust-proxy', '10.0.0.5, 10.1.0.0/16'], {})).toMatchObject({ ok: true, config: { trustProxy: ['10.0.0.5', '10.1.0.0/16'] } });
    expect(readConfig([], { MORTAR_SYNC_TRUST_PROXY: '::1' })).toMatchObject({ ok: true, config: { trustProxy: ['::1'] } });
    expect(readConfig(['--trust-proxy', 'everyone'], {})).toMatchObject({ ok: false, error: { code: 'config.invalid' } });
  });
});
