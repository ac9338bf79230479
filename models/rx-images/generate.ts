// Printed prescription images with their ground truth, for the intake pipeline's tests and accuracy figures.
//   npx tsx models/rx-images/generate.ts [--seed 7] [--count 12] [--out models/rx-images/samples]
// Three layouts (two US with NPI/DEA, one UK), several system fonts, then scan damage: rotation, noise,
// blur and lowered contrast. ImageMagick (/usr/bin/convert) draws; ImageMagick's own noise is seeded too,
// so the same seed gives the same pixels on the same ImageMagick build.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDrugPool, makePrescription, places, seeded, type Random, type Truth, type TruthItem } from './prescription-content.js';

const CONVERT = '/usr/bin/convert';
const WIDTH = 1240;
const HEIGHT = 1400;

const FONTS = [
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf',
  '/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf',
  '/usr/share/fonts/opentype/urw-base35/C059-Roman.otf',
];

type Layout = 'us-pad' | 'us-form' | 'uk';
type TextRun = { text: string; x: number; y: number; size: number; bold?: boolean };
type Damage = { rotate: number; noise: number; blur: number; levelLow: number; levelHigh: number };

export type Sample = { id: string; image: string; layout: Layout; font: string; damage: Damage; truth: Truth };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function usDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
}

function ukDate(iso: string, r: Random): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return r.next() < 0.5 ? `${d} ${MONTHS[m - 1]} ${y}` : `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

function plural(form: string): string {
  if (form.endsWith('tablet') || form.endsWith('capsule')) return `${form}s`;
  return form;
}

function drugLine(item: TruthItem, compact: boolean): string {
  const strength = compact ? item.medication.strength.replace(' mg', 'mg') : item.medication.strength;
  return `${item.written} ${strength} ${plural(item.medication.form)}`;
}

function supplyUnit(item: TruthItem): string {
  const f = item.medication.form;
  if (f.includes('solution') || f.includes('suspension')) return 'mL';
  return f.includes('capsule') ? 'capsules' : 'tablets';
}

function layoutUsPad(t: Truth, r: Random, s: number): TextRun[] {
  const runs: TextRun[] = [];
  let y = 90;
  const line = (text: string, x = 80, size = s, bold = false): void => {
    runs.push({ text, x, y, size, bold });
    y += Math.round(size * 1.55);
  };
  line(r.pick(places.CLINICS), 80, s + 8, true);
  line(`${r.int(10, 999)} ${r.pick(places.STREETS)}, ${r.pick(places.TOWNS_US)}`);
  line(`${t.prescriber.name}, MD`);
  line(`NPI: ${t.prescriber.npi ?? ''}     DEA: ${t.prescriber.dea ?? ''}`);
  y += 30;
  runs.push({ text: `Patient: ${t.patient.name}`, x: 80, y, size: s });
  line(`DOB: ${usDate(t.patient.birthDate)}`, 760);
  line(`Date: ${usDate(t.writtenDate)}`);
  y += 20;
  line('Rx', 80, s + 14, true);
  for (const item of t.items) {
    line(drugLine(item, false), 110);
    line(`Disp: #${item.quantity}${supplyUnit(item) === 'mL' ? ' mL' : ''}`, 110);
    line(`Sig: ${item.sig}`, 110);
    line(`Refills: ${item.refills ?? 0}`, 110);
    y += 24;
  }
  y = Math.max(y + 40, HEIGHT - 180);
  line('Signature: ______________________', 80);
  return runs;
}

function layoutUsForm(t: Truth, r: Random, s: number): TextRun[] {
  const runs: TextRun[] = [];
  let y = 90;
  const line = (text: string, x = 80, size = s, bold = false): void => {
    runs.push({ text, x, y, size, bold });
    y += Math.round(size * 1.55);
  };
  line('PRESCRIPTION', 80, s + 10, true);
  y += 20;
  runs.push({ text: `Patient name: ${t.patient.name}`, x: 80, y, size: s });
  line(`Date of birth: ${usDate(t.patient.birthDate)}`, 700);
  line(`Date written: ${usDate(t.writtenDate)}`);
  y += 30;
  t.items.forEach((item, i) => {
    line(`${i + 1}. ${drugLine(item, false)}`, 80);
    line(`Qty: ${item.quantity}${supplyUnit(item) === 'mL' ? ' mL' : ''}     Refills: ${item.refills ?? 0}`, 120);
    line(`Directions: ${item.sig}`, 120);
    y += 24;
  });
  y = Math.max(y + 40, HEIGHT - 330);
  line(`Prescriber: ${t.prescriber.name}, ${r.pick(['MD', 'DO', 'NP'])}`);
  line(`NPI ${t.prescriber.npi ?? ''}     DEA ${t.prescriber.dea ?? ''}`);
  line(`${r.int(10, 999)} ${r.pick(places.STREETS)}, ${r.pick(places.TOWNS_US)}`);
  return runs;
}

function layoutUk(t: Truth, r: Random, s: number): TextRun[] {
  const runs: TextRun[] = [];
  let y = 90;
  const line = (text: string, x = 80, size = s, bold = false): void => {
    runs.push({ text, x, y, size, bold });
    y += Math.round(size * 1.55);
  };
  line(r.pick(places.SURGERIES), 80, s + 8, true);
  line(`${r.int(1, 99)} ${r.pick(places.STREETS)}, ${r.pick(places.TOWNS_UK)}`);
  y += 30;
  line(`Patient: ${t.patient.name}`);
  line(`Date of birth: ${ukDate(t.patient.birthDate, r)}`);
  line(`${r.int(1, 99)} ${r.pick(places.STREETS)}, ${r.pick(places.TOWNS_UK)}`);
  y += 30;
  for (const item of t.items) {
    line(drugLine(item, true), 110);
    line(`Supply: ${item.quantity} ${supplyUnit(item)}`, 110);
    line(item.sig, 110);
    y += 24;
  }
  y = Math.max(y + 40, HEIGHT - 260);
  line(`Signed: Dr ${t.prescriber.name}`);
  line(`GMC ${r.int(1000000, 7999999)}`);
  line(`Date: ${ukDate(t.writtenDate, r)}`);
  return runs;
}

function boldOf(font: string): string {
  const bold = font.replace('Regular', 'Bold').replace('-Roman', '-Bold').replace('DejaVuSans.ttf', 'DejaVuSans-Bold.ttf').replace('DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf');
  return bold;
}

function render(path: string, runs: TextRun[], font: string, damage: Damage, seed: number): void {
  const args = ['-size', `${WIDTH}x${HEIGHT}`, 'xc:white', '-fill', 'black'];
  for (const run of runs) args.push('-font', run.bold ? boldOf(font) : font, '-pointsize', String(run.size), '-annotate', `+${run.x}+${run.y}`, run.text);
  args.push('-background', 'white', '-rotate', damage.rotate.toFixed(2));
  if (damage.blur > 0) args.push('-blur', `0x${damage.blur.toFixed(2)}`);
  args.push('-seed', String(seed), '-attenuate', damage.noise.toFixed(2), '+noise', 'Gaussian');
  args.push('+level', `${damage.levelLow}%,${damage.levelHigh}%`);
  // 4-bit grey keeps scans small enough to commit while still carrying noise and grey levels
  args.push('-colorspace', 'Gray', '-depth', '4', '-strip', path);
  execFileSync(CONVERT, args);
}

export function generate(seed: number, count: number, outDir: string): Sample[] {
  const r = seeded(seed);
  const pool = loadDrugPool();
  mkdirSync(outDir, { recursive: true });
  const layouts: Layout[] = ['us-pad', 'us-form', 'uk'];
  const samples: Sample[] = [];
  for (let i = 0; i < count; i++) {
    const layout = layouts[i % layouts.length] as Layout;
    const truth = makePrescription(r, layout === 'uk' ? 'uk' : 'us', pool);
    const font = FONTS[(i + Math.floor(i / layouts.length)) % FONTS.length] as string;
    const size = r.int(24, 30);
    const runs = layout === 'us-pad' ? layoutUsPad(truth, r, size) : layout === 'us-form' ? layoutUsForm(truth, r, size) : layoutUk(truth, r, size);
    const damage: Damage = {
      rotate: (r.next() * 2 - 1) * 2.5,
      noise: 0.2 + r.next() * 0.6,
      blur: r.next() < 0.5 ? 0 : 0.3 + r.next() * 0.5,
      levelLow: r.int(0, 25),
      levelHigh: r.int(80, 100),
    };
    const id = `rx-${String(i + 1).padStart(3, '0')}`;
    const image = `${id}.png`;
    render(join(outDir, image), runs, font, damage, seed * 1000 + i);
    const sample: Sample = { id, image, layout, font: font.split('/').pop() as string, damage, truth };
    writeFileSync(join(outDir, `${id}.json`), `${JSON.stringify(sample, null, 2)}\n`);
    samples.push(sample);
  }
  return samples;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(arg('out', join(here, 'samples')));
  const samples = generate(Number(arg('seed', '7')), Number(arg('count', '12')), out);
  console.log(`${samples.length} prescriptions written to ${out}`);
}
