import { handler } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { ErrorCode } from '../api/contract.js';
import { scannerSettingSchema, type ScannerSetting, type ScannerStatus } from './contract.js';
import { readScannerPorts, serialPresence } from './port-listing.js';
import { scannerHostOf } from './scanner-host-registry.js';
import { checkScannerSetting } from './scanner-rules.js';
import { readScannerSettings, writeScannerSettings } from './scanner-settings-store.js';

/** How a scanner looks when no host runs it (the CLI, a core without devices). */
export function stoppedStatus(setting: ScannerSetting): ScannerStatus {
  return {
    id: setting.id,
    kind: setting.kind,
    name: setting.name,
    enabled: setting.enabled,
    link: 'stopped',
    reason: null,
    retryInMs: null,
    device: null,
    lastScanAt: null,
    changedAt: null,
  };
}

export const scanningHandlers = {
  'scanning.listPorts': handler<'scanning.listPorts', Awaited<ReturnType<typeof readScannerPorts>>>({
    prepare: () => readScannerPorts(),
    run: (_ctx, _input, ports) => ports,
  }),
  'scanning.listScanners': handler<'scanning.listScanners'>({
    run: (ctx) => ({ scanners: readScannerSettings(ctx.db) }),
  }),
  'scanning.saveScanner': handler<'scanning.saveScanner', Awaited<ReturnType<typeof serialPresence>> | null>({
    prepare: (_ctx, input) => (input.kind === 'serial' ? serialPresence(input.path) : Promise.resolve(null)),
    run(ctx, input, presence) {
      const existing = readScannerSettings(ctx.db);
      const setting = scannerSettingSchema.parse({ ...input, id: input.id ?? ctx.ids.next() });
      const refusal = checkScannerSetting(setting, existing, presence);
      if (refusal) throw new CoreError(refusal.code as ErrorCode, refusal.message, refusal.details);
      const before = existing.find((s) => s.id === setting.id) ?? null;
      const next = before ? existing.map((s) => (s.id === setting.id ? setting : s)) : [...existing, setting];
      writeScannerSettings(ctx.db, next, ctx.now);
      ctx.audit({ action: 'scanning.saveScanner', entityType: 'scanner', entityId: setting.id, before, after: setting });
      return setting;
    },
  }),
  'scanning.removeScanner': handler<'scanning.removeScanner'>({
    run(ctx, input) {
      const existing = readScannerSettings(ctx.db);
      const before = existing.find((s) => s.id === input.id);
      if (!before) throw new CoreError('scanning.scannerNotFound', 'There is no such scanner on this terminal.', { id: input.id });
      writeScannerSettings(
        ctx.db,
        existing.filter((s) => s.id !== input.id),
        ctx.now,
      );
      ctx.audit({ action: 'scanning.removeScanner', entityType: 'scanner', entityId: input.id, before, after: null });
      return { id: input.id };
    },
  }),
  'scanning.getStatus': handler<'scanning.getStatus'>({
    run(ctx) {
      const host = scannerHostOf(ctx.db);
      if (host) return { hostRunning: true, scanners: host.statuses() };
      return { hostRunning: false, scanners: readScannerSettings(ctx.db).map(stoppedStatus) };
    },
  }),
};
