// Headless tools: the same parsers the counter uses, callable from scripts to check their answers.
import type { Command } from 'commander';
import { print } from '../context.js';

export function registerTools(program: Command): void {
  const gs1 = program.command('gs1').description('GS1 barcodes');
  gs1
    .command('parse <scan>')
    .description('Parse a scan: GS1 element string (with ]d2 ]C1 ]e0 ]Q3), bracketed (01)…(17)…, Digital Link or EAN/UPC')
    .option('--gs <char>', 'a printable character the scanner sends instead of GS (ASCII 29)')
    .option('--json', 'print as JSON')
    .action(async (scan: string, o: { gs?: string; json?: boolean }) => {
      const { parseScan } = await import('@mortar/main/barcode');
      const r = parseScan(scan, o.gs ? { gsSubstitute: o.gs } : {});
      if (r.ok) {
        const { ais, gtin, expiry, batch, serial } = r.value;
        const out = { ok: true, ais: ais.map(({ ai, value }) => ({ ai, value })), gtin, expiry, batch, serial };
        print(Boolean(o.json), out, () =>
          [...ais.map((a) => `(${a.ai}) ${a.value}  ${a.title}`), `GTIN ${gtin ?? '-'}  expiry ${expiry ?? '-'}  batch ${batch ?? '-'}  serial ${serial ?? '-'}`].join('\n'),
        );
      } else {
        const out = { ok: false, error: { code: r.error.code, message: r.error.message } };
        print(Boolean(o.json), out, () => `mortar: ${r.error.message} (${r.error.code})`);
        process.exitCode = 1;
      }
    });

  const sig = program.command('sig').description('Prescription directions');
  sig
    .command('parse <directions>')
    .description('Parse directions ("1-2 tabs po q4-6h prn pain") into a FHIR R4 Dosage')
    .option('--quantity <n>', 'dispensed quantity, to compute the days of supply')
    .option('--unit <unit>', 'the dispensed unit (tablet, mL ...), for bare numbers and days of supply')
    .option('--json', 'print as JSON')
    .action(async (directions: string, o: { quantity?: string; unit?: string; json?: boolean }) => {
      const { daysSupply, describeDosage, parseSig } = await import('@mortar/main/sig');
      const r = parseSig(directions, o.unit ? { doseUnit: o.unit } : {});
      if (!r.ok) {
        print(Boolean(o.json), { ok: false, error: { code: r.error.code, message: r.error.message } }, () => `mortar: ${r.error.message} (${r.error.code})`);
        process.exitCode = 1;
        return;
      }
      const supply = o.quantity === undefined ? undefined : daysSupply(Number(o.quantity), r.value.dosage, o.unit ? { quantityUnit: o.unit } : {});
      const out = { ok: true, ...r.value, ...(supply ? { daysSupply: supply } : {}) };
      print(Boolean(o.json), out, () =>
        [
          describeDosage(r.value.dosage),
          ...r.value.warnings.map((w) => `warning: ${w.message}`),
          ...r.value.unparsed.map((u) => `not understood: "${u.text}"`),
          supply ? (supply.days === null ? `days of supply: unknown (${supply.message})` : `days of supply: ${supply.days}`) : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });

  const interactions = program.command('interactions').description('Drug interaction checks');
  interactions
    .command('check <ingredients...>')
    .description('Check ingredients (INN or common synonyms) against each other, most severe first')
    .option('--json', 'print as JSON')
    .action(async (ingredients: string[], o: { json?: boolean }) => {
      const { checkInteractions, resolveIngredient } = await import('@mortar/main/clinical');
      const unknown = ingredients.filter((i) => resolveIngredient(i).kind === 'unknown');
      const found = checkInteractions(ingredients).map((x) => ({
        drugs: x.drugs,
        severity: x.severity,
        effect: x.effect,
        management: x.management,
        references: x.references,
      }));
      print(Boolean(o.json), { interactions: found, unknown }, () =>
        [
          ...found.map((x) => `${x.severity.toUpperCase()}: ${x.drugs.join(' + ')}: ${x.effect}\n  ${x.management}`),
          found.length === 0 ? 'No interactions found between these ingredients.' : '',
          unknown.length ? `Not in the knowledge base (not checked): ${unknown.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });
}
