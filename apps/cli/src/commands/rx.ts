// `mortar rx read <image>`: the counter's prescription intake, headless, for automation and for checking.
// Products are matched against a terminal's catalog only when a data directory is named (--data-dir or
// MORTAR_DATA_DIR); otherwise every productId is null, never an id from somewhere else.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, openCore, print } from '../context.js';

function namedDataDir(opts: { dataDir?: string }): string | null {
  const dir = opts.dataDir ?? process.env.MORTAR_DATA_DIR;
  return dir ? resolve(dir) : null;
}

export function registerRx(program: Command): void {
  const rx = program.command('rx').description('Prescriptions');
  rx.command('read <image>')
    .description('Read a prescription image (PNG, JPEG, TIFF ...) into patient, prescriber, date and items with FHIR Dosage')
    .option('--json', 'print as JSON')
    .action(async (image: string, o: { json?: boolean }, cmd: Command) => {
      const { readRxSummary } = await import('@mortar/main/rx');
      const dataDir = namedDataDir(cmd.optsWithGlobals<{ dataDir?: string }>());
      // A data directory without a terminal in it has no catalog to match against: say so, do not create one.
      if (dataDir !== null && !existsSync(join(dataDir, 'mortar.db'))) {
        throw new CliError(`There is no terminal in ${dataDir}.`, 2, 'cli.noTerminal');
      }
      const core = dataDir === null ? null : await openCore(dataDir);
      try {
        const r = await readRxSummary(resolve(image), core === null ? {} : { catalogDb: core.db });
        if (!r.ok) {
          print(Boolean(o.json), { ok: false, error: { code: r.error.code, message: r.error.message } }, () => `mortar: ${r.error.message} (${r.error.code})`);
          process.exitCode = 1;
          return;
        }
        const v = r.value;
        print(Boolean(o.json), v, () =>
          [
            `Patient: ${v.patient.name ?? '?'} (born ${v.patient.birthDate ?? '?'})`,
            `Prescriber: ${v.prescriber.name ?? '?'}  NPI ${v.prescriber.npi ?? '-'}  DEA ${v.prescriber.dea ?? '-'}`,
            `Written: ${v.writtenDate ?? '?'}`,
            ...v.items.map(
              (i, n) =>
                `${n + 1}. ${[i.medication.ingredient ?? '?', i.medication.strength, i.medication.form].filter(Boolean).join(' ')}  qty ${i.quantity ?? '?'}  refills ${i.refills ?? '?'}  (${Math.round(i.confidence * 100)}%)\n   ${i.sig ?? ''}`,
            ),
            ...v.warnings.map((w) => `warning: ${w.message}`),
          ].join('\n'),
        );
      } finally {
        core?.close();
      }
    });
}
