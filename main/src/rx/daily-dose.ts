// The most a day's directions allow, in mass of the ingredient, for the maximum-daily-dose check. Rule: as
// for days' supply, the top of a range and the highest frequency count, so a dose limit is never missed;
// when the strength or the directions do not fix a mass, no figure is made up and the check says so.
import { daysSupply, type Dosage } from './sig/index.js';

const MASS = /^\s*(\d+(?:\.\d+)?)\s*(mcg|micrograms?|mg|g)\s*$/i;
const PER_VOLUME = /^\s*(\d+(?:\.\d+)?)\s*(mcg|mg|g)\s*\/\s*(\d+(?:\.\d+)?)?\s*ml\s*$/i;

function unitOf(text: string): 'mcg' | 'mg' | 'g' {
  const u = text.toLowerCase();
  return u.startsWith('mic') || u === 'mcg' ? 'mcg' : u === 'g' ? 'g' : 'mg';
}

function doseQuantity(d: Dosage): { value: number; unit: string } | null {
  const dr = d.doseAndRate?.[0];
  if (dr === undefined) return null;
  const q = 'doseQuantity' in dr ? dr.doseQuantity : dr.doseRange.high;
  return q.unit === undefined ? null : { value: q.value, unit: q.unit };
}

export type DailyDoseFigure = { value: number; unit: 'mcg' | 'mg' | 'g' };

export function dailyDose(dosage: Dosage, strength: string | null, quantity: number): DailyDoseFigure | null {
  const dose = doseQuantity(dosage);
  if (dose === null) return null;
  const massDose = MASS.exec(`${dose.value} ${dose.unit}`);
  if (massDose) {
    const s = daysSupply(quantity, dosage, { quantityUnit: dose.unit });
    return s.days === null ? null : { value: s.unitsPerDay, unit: unitOf(massDose[2] as string) };
  }
  const s = daysSupply(quantity, dosage);
  if (s.days === null || strength === null) return null;
  const perVolume = PER_VOLUME.exec(strength);
  if (perVolume && /^(ml|millilit(re|er)s?)$/i.test(dose.unit)) {
    const per = Number(perVolume[3] ?? '1');
    return { value: (s.unitsPerDay * Number(perVolume[1])) / per, unit: unitOf(perVolume[2] as string) };
  }
  const mass = MASS.exec(strength);
  if (mass && !/^(ml|millilit(re|er)s?|l)$/i.test(dose.unit)) return { value: s.unitsPerDay * Number(mass[1]), unit: unitOf(mass[2] as string) };
  return null;
}
