// Headless tools: the same parsers the counter uses, callable from scripts to check their answers.
import type { Command } from 'commander';
import { CliError, print } from '../context.js';

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

  program
    .command('forecast')
    .description('Forecast daily demand per product from a sales CSV (date,product,quantity), with the method chosen by backtest')
    .requiredOption('--sales <csv>', 'CSV file with a header row: date,product,quantity (YYYY-MM-DD, id, integer)')
    .option('--horizon <days>', 'days to forecast', '28')
    .option('--json', 'print as JSON')
    .action(async (o: { sales: string; horizon: string; json?: boolean }) => {
      const { readFile } = await import('node:fs/promises');
      const { forecastProducts, readDemandCsv } = await import('@mortar/main/forecast');
      const horizon = Number(o.horizon);
      if (!Number.isInteger(horizon) || horizon < 1 || horizon > 366) {
        throw new CliError(`--horizon must be a whole number of days from 1 to 366, not ${o.horizon}.`, 2, 'forecast.badOptions');
      }
      let text: string;
      try {
        text = await readFile(o.sales, 'utf8');
      } catch (e: unknown) {
        throw new CliError(`Cannot read ${o.sales}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, 2, 'cli.fileUnreadable');
      }
      const history = readDemandCsv(text);
      if (!history.ok) throw new CliError(history.error.message, 1, history.error.code);
      const results = await forecastProducts(history.value, { horizon });
      const products = results.map((r) => ({
        product: r.productId,
        method: r.method,
        classification: r.classification,
        backtest: r.backtest,
        forecast: r.forecast,
      }));
      print(Boolean(o.json), { products }, () =>
        products
          .map((p) => {
            const chosen = p.backtest[0];
            const naive = p.backtest.find((b) => b.method === 'seasonalNaive');
            const total = p.forecast.reduce((sum, d) => sum + d.mean, 0);
            return `${p.product}: ${p.method} (${p.classification}), next ${horizon} days ≈ ${total.toFixed(1)}; MASE ${chosen?.mase?.toFixed(3) ?? '-'} vs seasonal naive ${naive?.mase?.toFixed(3) ?? '-'}`;
          })
          .join('\n'),
      );
    });
}
