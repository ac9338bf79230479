// Suppliers: who stock comes from and on what terms (lead time, minimum order, pack multiple, EDI ids).
// A supplier's name is unique without regard to case or spacing, so one wholesaler is never entered twice.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { ParsedInputOf } from '../contract.js';
import { perDatabase } from '../store/per-database.js';
import type { Supplier } from './contract/schemas.js';

export type SupplierRow = {
  id: string;
  name: string;
  name_key: string;
  lead_time_days: number;
  min_order_packs: number;
  pack_multiple: number;
  edi_qualifier: string | null;
  edi_id: string | null;
  gln: string | null;
  active: number;
};

const statements = perDatabase((db: Database) => ({
  byId: db.prepare<[string], SupplierRow>('SELECT * FROM supplier WHERE id = ?'),
  byKey: db.prepare<[string], SupplierRow>('SELECT * FROM supplier WHERE name_key = ?'),
  list: db.prepare<[number], SupplierRow>('SELECT * FROM supplier WHERE active >= ? ORDER BY name_key'),
  insert: db.prepare(
    `INSERT INTO supplier (id, name, name_key, lead_time_days, min_order_packs, pack_multiple, edi_qualifier, edi_id, gln, active, created_at, updated_at)
     VALUES (@id, @name, @name_key, @lead_time_days, @min_order_packs, @pack_multiple, @edi_qualifier, @edi_id, @gln, @active, @now, @now)`,
  ),
  update: db.prepare(
    `UPDATE supplier SET name = @name, name_key = @name_key, lead_time_days = @lead_time_days, min_order_packs = @min_order_packs,
       pack_multiple = @pack_multiple, edi_qualifier = @edi_qualifier, edi_id = @edi_id, gln = @gln, active = @active, updated_at = @now
     WHERE id = @id`,
  ),
}));

export function nameKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function toSupplier(r: SupplierRow): Supplier {
  return {
    id: r.id,
    name: r.name,
    leadTimeDays: r.lead_time_days,
    minOrderPacks: r.min_order_packs,
    packMultiple: r.pack_multiple,
    ediQualifier: r.edi_qualifier,
    ediId: r.edi_id,
    gln: r.gln,
    active: r.active === 1,
  };
}

export function requireSupplier(db: Database, id: string, options: { active?: boolean } = {}): SupplierRow {
  const row = statements(db).byId.get(id);
  if (!row) throw new CoreError('inventory.supplierNotFound', 'There is no such supplier.', { supplierId: id });
  if (options.active && row.active !== 1) {
    throw new CoreError('inventory.supplierInactive', `${row.name} is no longer an active supplier.`, { supplierId: id });
  }
  return row;
}

function checkNameFree(db: Database, key: string, selfId: string | null): void {
  const other = statements(db).byKey.get(key);
  if (other && other.id !== selfId) {
    throw new CoreError('inventory.supplierNameTaken', `A supplier named ${other.name} already exists.`, { supplierId: other.id });
  }
}

export function createSupplier(ctx: CommandContext, input: ParsedInputOf<'inventory.createSupplier'>): Supplier {
  const key = nameKey(input.name);
  checkNameFree(ctx.db, key, null);
  const row: SupplierRow = {
    id: ctx.ids.next(),
    name: input.name,
    name_key: key,
    lead_time_days: input.leadTimeDays,
    min_order_packs: input.minOrderPacks,
    pack_multiple: input.packMultiple,
    edi_qualifier: input.ediQualifier ?? null,
    edi_id: input.ediId ?? null,
    gln: input.gln ?? null,
    active: 1,
  };
  statements(ctx.db).insert.run({ ...row, now: ctx.now });
  const supplier = toSupplier(row);
  ctx.audit({ action: 'inventory.createSupplier', entityType: 'supplier', entityId: row.id, after: supplier });
  ctx.emit('inventory.supplierCreated', supplier);
  return supplier;
}

export function updateSupplier(ctx: CommandContext, input: ParsedInputOf<'inventory.updateSupplier'>): Supplier {
  const before = requireSupplier(ctx.db, input.id);
  const name = input.name ?? before.name;
  const key = nameKey(name);
  checkNameFree(ctx.db, key, before.id);
  const row: SupplierRow = {
    id: before.id,
    name,
    name_key: key,
    lead_time_days: input.leadTimeDays ?? before.lead_time_days,
    min_order_packs: input.minOrderPacks ?? before.min_order_packs,
    pack_multiple: input.packMultiple ?? before.pack_multiple,
    edi_qualifier: input.ediQualifier === undefined ? before.edi_qualifier : input.ediQualifier,
    edi_id: input.ediId === undefined ? before.edi_id : input.ediId,
    gln: input.gln === undefined ? before.gln : input.gln,
    active: input.active === undefined ? before.active : input.active ? 1 : 0,
  };
  statements(ctx.db).update.run({ ...row, now: ctx.now });
  const supplier = toSupplier(row);
  ctx.audit({ action: 'inventory.updateSupplier', entityType: 'supplier', entityId: row.id, before: toSupplier(before), after: supplier });
  ctx.emit('inventory.supplierUpdated', supplier);
  return supplier;
}

export function listSuppliers(db: Database, includeInactive: boolean): Supplier[] {
  return statements(db).list.all(includeInactive ? 0 : 1).map(toSupplier);
}
