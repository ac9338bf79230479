// Rule: only a verified prescription is dispensed, each item at most once plus its refills, from stock that
// may be given out: the scanned batch, or first-expiry-first-out at the dispensing location, never expired,
// quarantined or recalled stock. Stock moves only as 'dispense' movements in the ledger (DESIGN.md
// principle 2), all in the command's transaction; the client's idempotency key makes a repeated press
// answer with the first dispense instead of dispensing twice (as sales.completeSale does). A refill before three
// quarters of the last supply is used needs the pharmacist's reason.
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { OutputOf, ParsedInputOf } from '../contract.js';
import { requirePatient } from '../patients/clinical-access.js';
import { readPharmacy } from '../setup/terminal-store.js';
import { dosageOf } from './check-prescription.js';
import type { Dispense, RxLabel } from './contract.js';
import { recordControlledCollection } from './controlled-register-collection.js';
import { labelEscPos, labelText, STANDARD_WARNINGS } from './label.js';
import { directionsOf, requirePrescription } from './prescriptions.js';
import { rxStore, type DispenseLotRow, type DispenseRow, type ItemRow, type PrescriptionRow } from './rx-store.js';
import { canonicalJson, sha256 } from './signature.js';
import { daysSupply } from './sig/index.js';

type Pick = { lot: DispenseLotRow; quantity: number };

const DAY_MS = 86_400_000;
/** A refill is due once three quarters of the last supply should have been taken (common payer practice). */
export const REFILL_DUE_FRACTION = 0.75;

/** The earliest time the item may be refilled without a reason, or null when no supply is known. */
export function refillDueAt(last: { at: number; days_supply: number | null } | null): number | null {
  if (last === null || last.days_supply === null) return null;
  return last.at + Math.ceil(last.days_supply * REFILL_DUE_FRACTION) * DAY_MS;
}

function isoDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function refuseLot(lot: DispenseLotRow, today: string): void {
  if (lot.recalled === 1) throw new CoreError('stock.recalled', `Batch ${lot.batch} is recalled and may not be dispensed.`, { lotId: lot.lot_id, batch: lot.batch });
  if (lot.expiry < today) throw new CoreError('stock.batchExpired', `Batch ${lot.batch} expired on ${lot.expiry}.`, { lotId: lot.lot_id, expiry: lot.expiry });
  if (lot.sellable !== 1) {
    throw new CoreError('stock.batchQuarantined', `Batch ${lot.batch} is in ${lot.location} and may not be dispensed.`, { lotId: lot.lot_id, location: lot.location });
  }
}

export function pickLots(ctx: CommandContext, productId: string, quantity: number, location: string, batch: string | undefined): Pick[] {
  const today = isoDay(ctx.now);
  if (batch !== undefined) {
    const lots = rxStore.lotsOfBatch(ctx.db, productId, batch, location).filter((l) => l.on_hand > 0);
    const lot = lots[0];
    if (lot === undefined) throw new CoreError('stock.batchNotFound', `No stock of batch ${batch} is recorded for this product.`, { productId, batch });
    refuseLot(lot, today);
    if (lot.on_hand < quantity) {
      throw new CoreError('stock.wouldGoNegative', `Only ${lot.on_hand} of batch ${lot.batch} is in ${lot.location}.`, { lotId: lot.lot_id, onHand: lot.on_hand, requested: quantity });
    }
    return [{ lot, quantity }];
  }
  const held = rxStore.lotsAt(ctx.db, productId, location).filter((l) => l.on_hand > 0);
  const usable = held.filter((l) => l.recalled === 0 && l.expiry >= today && l.sellable === 1);
  const picks: Pick[] = [];
  let left = quantity;
  for (const lot of usable) {
    if (left === 0) break;
    const take = Math.min(left, lot.on_hand);
    picks.push({ lot, quantity: take });
    left -= take;
  }
  if (left > 0) {
    const blocked = held.find((l) => !usable.includes(l));
    if (usable.length === 0 && blocked !== undefined) refuseLot(blocked, today);
    const onHand = usable.reduce((n, l) => n + l.on_hand, 0);
    throw new CoreError('stock.wouldGoNegative', `Only ${onHand} can be dispensed from ${location}; ${quantity} are needed.`, { productId, location, onHand, requested: quantity });
  }
  return picks;
}

function requestDigest(input: ParsedInputOf<'rx.dispense'>): string {
  return sha256(canonicalJson({ prescriptionId: input.prescriptionId, location: input.location, lines: input.lines ?? null, collector: input.collector }));
}

function labelFor(ctx: CommandContext, rx: PrescriptionRow, item: ItemRow, d: DispenseRow, lines: { batch: string; expiry: string; quantity: number; fill_no: number }[]): RxLabel {
  const pharmacy = readPharmacy(ctx.db);
  const patient = requirePatient(ctx, rx.patient_id);
  const dosage = dosageOf(item);
  const fillNo = lines[0]?.fill_no ?? 1;
  return {
    pharmacy: { name: pharmacy?.name ?? '', address: pharmacy?.address ?? '' },
    patient: patient.name,
    drug: item.product_name ?? item.ingredient,
    strength: item.strength,
    form: item.form,
    directions: directionsOf(item.sig, dosage),
    quantity: lines.reduce((n, l) => n + l.quantity, 0),
    unit: item.product_unit ?? item.form ?? 'unit',
    date: isoDay(d.at),
    prescriber: rx.prescriber_name,
    batch: [...new Set(lines.map((l) => l.batch))].join(', '),
    expiry: lines.map((l) => l.expiry).sort()[0] ?? '',
    refillsLeft: Math.max(0, item.refills - (fillNo - 1)),
    rxNumber: rx.id.slice(-8).toUpperCase(),
    warnings: STANDARD_WARNINGS,
  };
}

/** The dispense as recorded, with its labels: the same answer the first time and on every replay. */
export function readDispense(ctx: CommandContext, d: DispenseRow, replayed: boolean): Dispense {
  const rx = requirePrescription(ctx.db, d.prescription_id);
  const items = new Map(rxStore.items(ctx.db, rx.id).map((i) => [i.line_no, i]));
  const rows = rxStore.dispenseLines(ctx.db, d.id);
  const lineNos = [...new Set(rows.map((r) => r.line_no))];
  const lines = rows.map((r) => {
    const item = items.get(r.line_no) as ItemRow;
    return {
      lineNo: r.line_no,
      fillNo: r.fill_no,
      productId: r.product_id,
      lotId: r.lot_id,
      batch: r.batch,
      expiry: r.expiry,
      quantity: r.quantity,
      refillsLeft: Math.max(0, item.refills - (r.fill_no - 1)),
      daysSupply: r.days_supply,
    };
  });
  const labels = lineNos.map((lineNo) => {
    const label = labelFor(ctx, rx, items.get(lineNo) as ItemRow, d, rows.filter((r) => r.line_no === lineNo));
    return { lineNo, label, text: labelText(label), escPosBase64: Buffer.from(labelEscPos(label)).toString('base64') };
  });
  return { id: d.id, prescriptionId: d.prescription_id, at: d.at, location: d.location, actorName: d.actor_name, replayed, lines, labels };
}

export function dispensePrescription(ctx: CommandContext, input: ParsedInputOf<'rx.dispense'>): OutputOf<'rx.dispense'> {
  const actor = ctx.actor;
  const terminal = ctx.terminal;
  if (!actor || !terminal) throw new CoreError('auth.notLoggedIn', 'Log in first.');
  const digest = requestDigest(input);
  const earlier = rxStore.dispenseByKey(ctx.db, input.idempotencyKey);
  if (earlier) {
    if (earlier.request_digest !== digest) {
      throw new CoreError('rx.idempotencyConflict', 'This dispense key was already used for a different dispense.', { dispenseId: earlier.id });
    }
    return readDispense(ctx, earlier, true);
  }
  const rx = requirePrescription(ctx.db, input.prescriptionId);
  if (rx.status !== 'verified') throw new CoreError('rx.notVerified', 'A pharmacist must verify this prescription before it is dispensed.', { prescriptionId: rx.id });
  const items = rxStore.items(ctx.db, rx.id);
  const requested = input.lines ?? items.map((i) => ({ lineNo: i.line_no, batch: undefined }));
  const d: DispenseRow = {
    id: ctx.ids.next(),
    prescription_id: rx.id,
    patient_id: rx.patient_id,
    idempotency_key: input.idempotencyKey,
    request_digest: digest,
    at: ctx.now,
    device_id: terminal.deviceId,
    actor_id: actor.id,
    actor_name: actor.displayName,
    location: input.location,
  };
  rxStore.insertDispense(ctx.db, d);
  const productIds = requested.map((r) => items.find((i) => i.line_no === r.lineNo)?.product_id ?? null);
  const controlled = recordControlledCollection(ctx, d.id, productIds, input.collector, input.earlyRefillReason);
  const seen = new Set<number>();
  const early: { lineNo: number; dueAt: number }[] = [];
  for (const r of requested) {
    const item = items.find((i) => i.line_no === r.lineNo);
    if (item === undefined || seen.has(r.lineNo)) throw new CoreError('rx.unknownLine', `The prescription has no item ${r.lineNo} to dispense here.`, { lineNo: r.lineNo });
    seen.add(r.lineNo);
    if (item.product_id === null) {
      throw new CoreError('rx.productRequired', `Item ${item.line_no} (${item.ingredient}) is not matched to a product in the catalog.`, { lineNo: item.line_no });
    }
    if (item.fills >= 1 + item.refills) {
      throw new CoreError('rx.noRefillsLeft', `Item ${item.line_no} (${item.ingredient}) has no refills left.`, { lineNo: item.line_no, refills: item.refills, fills: item.fills });
    }
    const dueAt = item.fills === 0 ? null : refillDueAt(rxStore.lastFill(ctx.db, rx.id, item.line_no));
    if (dueAt !== null && ctx.now < dueAt) {
      if (input.earlyRefillReason === undefined) {
        throw new CoreError('rx.refillTooEarly', `Item ${item.line_no} (${item.ingredient}) is not due for a refill until ${isoDay(dueAt)}.`, { lineNo: item.line_no, dueAt });
      }
      early.push({ lineNo: item.line_no, dueAt });
    }
    const picks = pickLots(ctx, item.product_id, item.quantity, input.location, r.batch);
    const dosage = dosageOf(item);
    const supply = dosage === null ? null : daysSupply(item.quantity, dosage);
    const days = supply === null || supply.days === null ? null : Math.floor(supply.days);
    picks.forEach((p, seq) => {
      rxStore.insertDispenseLine(ctx.db, {
        dispense_id: d.id,
        line_no: item.line_no,
        seq,
        fill_no: item.fills + 1,
        product_id: item.product_id as string,
        lot_id: p.lot.lot_id,
        batch: p.lot.batch,
        expiry: p.lot.expiry,
        quantity: p.quantity,
        days_supply: days,
      });
      rxStore.postDispenseMovement(ctx.db, { id: ctx.ids.next(), lotId: p.lot.lot_id, productId: item.product_id as string, quantity: p.quantity, at: ctx.now, actorId: actor.id, documentId: d.id });
    });
  }
  const out = readDispense(ctx, d, false);
  ctx.audit({
    action: 'rx.dispensed',
    entityType: 'prescription',
    entityId: rx.id,
    after: { dispenseId: d.id, lines: out.lines, early },
    reason: early.length > 0 ? (input.earlyRefillReason ?? null) : null,
  });
  // The branch's controlled register must be rebuilt whole from its history (a reinstalled counter), so the
  // collector and an early refill's reason travel with the dispense; the event is private to the branch.
  ctx.emit('rx.dispensed', {
    dispenseId: d.id,
    prescriptionId: rx.id,
    patientId: rx.patient_id,
    location: d.location,
    at: d.at,
    actorName: d.actor_name,
    lines: out.lines,
    controlled: controlled === null ? null : { collector: controlled.collector, earlyRefillReason: controlled.earlyRefillReason },
  });
  return out;
}
