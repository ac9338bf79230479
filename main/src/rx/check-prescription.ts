// Rule: a prescription is checked against everything the counter knows of the patient (DESIGN.md "Clinical
// checks"): the new items together with the medicines they are taking now (their dispenses here) and their
// recorded allergies and intolerances. Unknown names are reported as unchecked, never passed as safe.
import type { CommandContext } from '../api/command-context.js';
import { getDefaultClinicalChecker, type SafetyAlert, type Severity } from '../clinical/index.js';
import type { DailyDose } from '../clinical/contract.js';
import { readClinical } from '../patients/clinical-access.js';
import { activeIngredients } from '../patients/medication-history.js';
import { toProfile } from '../patients/patients-store.js';
import type { CheckReport } from './contract.js';
import { dailyDose } from './daily-dose.js';
import { contentHash } from './signature.js';
import type { ItemRow, PrescriptionRow } from './rx-store.js';
import type { Dosage } from './sig/index.js';

export function dosageOf(item: ItemRow): Dosage | null {
  return item.dosage === null ? null : (JSON.parse(item.dosage) as Dosage);
}

export function checkPrescription(ctx: CommandContext, rx: PrescriptionRow, items: readonly ItemRow[]): CheckReport {
  const patient = toProfile(readClinical(ctx, rx.patient_id));
  const active = activeIngredients(ctx.db, rx.patient_id, ctx.now, rx.id);
  const allergies = patient.allergies.map((a) => a.substance);
  const dailyDoses: DailyDose[] = [];
  for (const item of items) {
    const dosage = dosageOf(item);
    const figure = dosage === null ? null : dailyDose(dosage, item.strength, item.quantity);
    if (figure !== null) dailyDoses.push({ ingredient: item.ingredient, value: figure.value, unit: figure.unit });
  }
  const report = getDefaultClinicalChecker().checkMedicationSafety({
    newIngredients: items.map((i) => i.ingredient),
    activeIngredients: active,
    allergies,
    dailyDoses,
  });
  const bySeverity: Record<Severity, number> = { contraindicated: 0, major: 0, moderate: 0, minor: 0 };
  for (const a of report.alerts) bySeverity[a.severity] += 1;
  return { ...report, prescriptionId: rx.id, contentHash: contentHash(rx, items), bySeverity, activeIngredients: active, allergies };
}

/** Alerts the pharmacist must answer with a reason before signing (major and contraindicated). */
export function alertsNeedingReason(alerts: readonly SafetyAlert[]): SafetyAlert[] {
  return alerts.filter((a) => a.requiresOverride);
}
