import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { latestVersion, migrate, schemaVersion } from './migrate.js';
import { migrations } from './migrations/index.js';

function memoryDb(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  return db;
}

/** Rows that are valid at each schema version: the "populated" database a migration must carry forward. */
const fixtures: Record<number, string> = {
  1: `
    INSERT INTO pharmacy VALUES ('p1', 't1', 'b1', 'Riverside', '1 River St', 'GB1', 'GBP', 'en', 1, NULL);
    INSERT INTO device VALUES ('d1', 'Counter 1', 1);
    INSERT INTO setting VALUES ('autoLockMinutes', '5', 1);
    INSERT INTO app_user VALUES ('u1', 'admin', 'Ada', 'admin', 'hash', NULL, 1, 0, NULL, 1, 1);
    INSERT INTO audit_log VALUES (1, 'a1', 1, 'd1', 'u1', 'Ada', NULL, 'setup.initialize', 'pharmacy', 'b1', NULL, NULL, NULL, '0', 'h1');
    INSERT INTO outbox_event VALUES (1, 'e1', 't1', 'b1', 'd1', '000000000000001:000000:d1', 'setup.terminalInitialized', 1, 1, '{}', NULL);`,
  2: `
    INSERT INTO product (id, sku, name, form, pack_size, unit, legal_category, tax_category, price_minor, currency,
      ingredients_text, created_at, updated_at)
    VALUES ('pr1', 'SKU1', 'Paracetamol 500 mg tablets', 'tablet', 32, 'tablet', 'gsl', 'zero', 199, 'GBP', 'paracetamol 500 mg', 1, 1);
    INSERT INTO product_ingredient VALUES ('pr1', 0, 'paracetamol', '500 mg');
    INSERT INTO product_gtin VALUES ('05000000000011', 'pr1');
    INSERT INTO search_term (term) VALUES ('paracetamol');`,
  3: `
    INSERT INTO stock_lot VALUES ('l1', 'pr1', 'B1', '2027-01-31', 'shelf', 50);
    INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) VALUES ('m1', 'l1', 'pr1', 'receipt', 64, 1);`,
  4: `
    INSERT INTO tax_rule_set (id, rule_set_id, rules, digest, source, set_at) VALUES ('t1', 'gb-vat-2011', '{}', 'd', 'default', 1);
    INSERT INTO exchange_rate VALUES ('EUR', '0.85', 1, 'u1');
    INSERT INTO shift (id, device_id, currency, float_minor, opened_at, opened_by) VALUES ('s1', 'd1', 'GBP', 5000, 1, 'u1');
    INSERT INTO cash_movement (id, shift_id, direction, amount_minor, currency, reason, actor_id, at) VALUES ('c1', 's1', 'in', 1000, 'GBP', 'change', 'u1', 1);
    INSERT INTO receipt_counter VALUES ('d1', 1);
    INSERT INTO receipt VALUES ('MR1-D1-1', 'd1', 1, 'sale', 'sa1', 'sa1', 2);
    INSERT INTO sale (id, device_id, shift_id, receipt_no, receipt_code, at, actor_id, actor_name, currency, tax_rule_set_num,
      tax_rule_set_id, pricing, extended_minor, line_discount_minor, basket_discount_minor, net_minor, tax_minor, gross_minor, cash_rounding_minor,
      amount_to_pay_minor, tendered_minor, change_minor, change_rounding_minor, idempotency_key, request_digest)
    VALUES ('sa1', 'd1', 's1', 1, 'MR1-D1-1', 2, 'u1', 'Ada', 'GBP', 1, 'gb-vat-2011', 'inclusive', 199, 0, 0, 199, 0, 199, 0, 199, 500, 301, 0, 'k1', 'r1');
    INSERT INTO sale_line (sale_id, line_no, product_id, lot_id, name, sku, batch, expiry, location, quantity, unit, pack_size,
      stock_units, unit_price_minor, extended_minor, line_discount_minor, basket_discount_minor, amount_minor, net_minor, tax_minor,
      gross_minor, tax_category, treatment, taxes)
    VALUES ('sa1', 1, 'pr1', 'l1', 'Paracetamol 500 mg tablets', 'SKU1', 'B1', '2027-01-31', 'shelf', 1, 'pack', 32, 32, 199, 199, 0, 0,
      199, 199, 0, 199, 'zero', 'zero-rated', '[]');
    INSERT INTO sale_tax VALUES ('sa1', 0, 'VAT@0', 'tax', 'VAT', 'VAT', '0', 0, 199, 199, 0);
    INSERT INTO sale_payment (sale_id, seq, kind, currency, amount_minor, base_amount_minor) VALUES ('sa1', 1, 'cash', 'GBP', 500, 500);
    INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at, document_type, document_id) VALUES ('m2', 'l1', 'pr1', 'sale', -32, 2, 'sale', 'sa1');`,
  5: `
    INSERT INTO supplier (id, name, name_key, lead_time_days, min_order_packs, pack_multiple, created_at, updated_at)
      VALUES ('su1', 'Wholesale One', 'wholesale one', 2, 1, 1, 1, 1);
    INSERT INTO purchase_order (id, supplier_id, status, created_at) VALUES ('po1', 'su1', 'draft', 1);
    INSERT INTO purchase_order_line (order_id, line_no, product_id, gtin, packs, cost_minor) VALUES ('po1', 1, 'pr1', NULL, 3, 150);
    INSERT INTO delivery (id, supplier_id, currency, received_at) VALUES ('dl1', 'su1', 'GBP', 3);
    INSERT INTO delivery_line (delivery_id, line_no, product_id, gtin, batch, expiry, packs, damaged_packs, stock_units, cost_minor, lot_id)
      VALUES ('dl1', 1, 'pr1', '05000000000011', 'B1', '2027-01-31', 2, 0, 64, 150, 'l1');
    INSERT INTO stock_disposal (id, kind, lot_id, product_id, stock_units, reason, at) VALUES ('sd1', 'writeOff', 'l1', 'pr1', 1, 'broken', 4);
    INSERT INTO recall (id, product_id, whole_product, class, reason, entered_at) VALUES ('rc1', 'pr1', 0, 'II', 'label', 5);
    INSERT INTO recall_batch VALUES ('rc1', 'B1');
    INSERT INTO stocktake (id, scope, status, started_at) VALUES ('st1', 'full', 'counting', 6);
    INSERT INTO stocktake_line (stocktake_id, lot_id, product_id, expected) VALUES ('st1', 'l1', 'pr1', 63);`,
  6: `
    UPDATE purchase_order SET cancelled_at = 7, cancel_reason = 'duplicate', status = 'closed' WHERE id = 'po1';
    INSERT INTO edi_document (id, purchase_order_id, direction, transaction_set, sender_id, interchange_control_number, group_control_number,
      transaction_control_number, content, at) VALUES ('ed1', 'po1', 'out', '850', 'MORTAR', 1, 1, '0001', 'ISA...', 7);
    INSERT INTO stock_transfer (id, direction, status, tenant_id, from_branch_id, from_branch_name, checksum, document, created_at)
      VALUES ('tr1', 'out', 'inTransit', 't1', 'b1', 'Riverside', 'sha256:0', '{}', 8);
    INSERT INTO stock_transfer_line VALUES ('tr1', 1, 'pr1', '05000000000011', 'B1', '2027-01-31', 'shelf', 16, 50, 'l1');`,
  7: `
    INSERT INTO patient (id, name, birth_date, allergies, created_at, updated_at) VALUES ('pa1', 'Robert King', '1964-06-14', '[{"substance":"penicillin","kind":"allergy"}]', 9, 9);
    INSERT INTO patient_name_word VALUES ('robert', 'pa1'), ('king', 'pa1');
    INSERT INTO patient_access_log (id, patient_id, at, device_id, actor_id, actor_name, actor_role, op) VALUES ('al1', 'pa1', 9, 'd1', 'u1', 'Ada', 'admin', 'patients.getPatient');
    INSERT INTO prescription (id, patient_id, status, prescriber_name, written_date, created_at, created_by) VALUES ('rx1', 'pa1', 'draft', 'Margaret Patel', '2026-11-04', 9, 'u1');
    INSERT INTO prescription_item VALUES ('rx1', 1, 'pr1', 'paracetamol', '500 mg', 'tablet', 32, 1, '1 tab po qid', NULL);
    INSERT INTO prescription_signature VALUES ('sg1', 'rx1', 'verified', 'u1', 'Ada', 9, 'pin', 'c', '[]', '[]', 's');
    UPDATE prescription SET status = 'verified' WHERE id = 'rx1';
    INSERT INTO dispense (id, prescription_id, patient_id, idempotency_key, request_digest, at, device_id, actor_id, actor_name, location)
      VALUES ('ds1', 'rx1', 'pa1', 'dispense-key-1', 'r', 10, 'd1', 'u1', 'Ada', 'shelf');
    INSERT INTO dispense_line VALUES ('ds1', 1, 0, 1, 'pr1', 'l1', 'B1', '2027-01-31', 32, 8);
    INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at, document_type, document_id) VALUES ('m7', 'l1', 'pr1', 'dispense', -32, 10, 'dispense', 'ds1');`,
  8: `
    INSERT INTO printer (id, device_id, name, connection, paper_width_mm, codepage, cutter, has_drawer, is_receipt, created_at, updated_at)
      VALUES ('pt1', 'd1', 'Front counter', '{"kind":"tcp","host":"192.168.1.50","port":9100}', 80, 'cp858', 1, 1, 1, 11, 11);
    INSERT INTO print_job (id, printer_id, kind, sale_id, shift_id, label, document, open_drawer, state, attempts, error_code, error_message, created_at, updated_at)
      VALUES ('pj1', 'pt1', 'receipt', 'sa1', 's1', 'Receipt 1', '{"type":"receipt","model":{}}', 1, 'failed', 1, 'printer.connectFailed', 'no route', 11, 12);`,
  9: `
    INSERT INTO sync_identity VALUES (1, 'https://sync.example', 'sd1', 't1', 'b1', 'secret', 9);
    UPDATE sync_state SET cursor = 3, online = 1, last_success_at = 9 WHERE id = 1;
    INSERT INTO sync_inbox VALUES ('ev1', 3, 'stock.levelChanged', 2, 'b2', 'd2', '000000000000009:000000:d2', '{}', 'deferred', 9, NULL);
    INSERT INTO branch_stock_level VALUES ('b2', 'd2', 'SKU1', 'Paracetamol', 'Hillside', 12, 0, '000000000000009:000000:d2', 9);
    INSERT INTO published_stock_level VALUES ('pr1', 31, 0);
    INSERT INTO sync_exception (id, kind, event_id, branch_id, branch_name, sku, product_name, detail, detected_at)
      VALUES ('x1', 'stock.belowZero', 'ev1', 'b2', 'Hillside', 'SKU1', 'Paracetamol', '{}', 9);`,
  10: `
    INSERT INTO expiry_alert (id, lot_id, product_id, band, batch, expiry, location, on_hand, value_minor, crossed_on, crossed_at, acknowledged_at, acknowledged_by)
      VALUES ('ea1', 'l1', 'pr1', 'within90', 'B1', '2027-01-31', 'shelf', 31, 97, '2026-11-27', 10, 11, 'u1');`,
  11: `
    INSERT INTO controlled_dispense VALUES ('ds1', 'Susan King', 'passport', 'P1234567', NULL);`,
  12: `
    INSERT INTO signing_lock VALUES ('u1', 2, NULL);
    INSERT INTO dispense_sale VALUES ('ds1', 1, 'sa1', 1);`,
  13: `
    INSERT INTO head_office_product VALUES ('ho-p1', 'pr1', 1, 0, 3);
    INSERT INTO head_office_user VALUES ('ho-u1', 'u1', '["manager"]', '["b1"]', 2);
    INSERT INTO head_office_role VALUES ('manager', '["stock.read"]', 1);
    INSERT INTO sync_snapshot (id, at_seq, after_seq, events, started_at, completed_at) VALUES (1, 100, 100, 40, 12, 13);`,
  14: `
    INSERT INTO print_job (id, printer_id, kind, label, document, created_at, updated_at, dispense_id)
      VALUES ('pj-label', 'pt1', 'label', 'Label Rx 1', '{"type":"rxLabel"}', 12, 12, 'ds1');`,
  15: `
    INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) VALUES ('m-15', 'l1', 'pr1', 'adjustment', -1, 15);`,
  16: `
    UPDATE stock_lot SET cost_minor = 55 WHERE id = 'l1';
    INSERT INTO stock_lot VALUES ('l16', 'pr1', 'B16', '2027-03-31', 'quarantine', NULL);
    INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) VALUES ('m-16', 'l16', 'pr1', 'quarantine', 4, 16);`,
  18: `
    INSERT INTO sync_credential VALUES (1, 18);`,
  17: `
    INSERT INTO outbox_event (id, tenant_id, branch_id, device_id, hlc, type, schema_version, occurred_at, payload)
      VALUES ('0195f000-0000-8000-8000-000000000017', 't1', 'b1', 'd1', '000000000000017:000000:d1', 'audit.entryRecorded', 1, 17, '{"seq":2}');`,
  19: `
    INSERT INTO patient_field_clock VALUES ('pa1', 'name', '000000000000019:000000:d1');`,
  20: `
    UPDATE sync_exception SET acknowledged_at = 20, acknowledged_by = 'u1', acknowledgement_note = 'Counted the shelf again' WHERE id = 'x1';`,
  21: `
    INSERT INTO rx_branch_fill VALUES ('ds-other', 1, 'rx1', 'pa1', 2, 'pr1', 28, 28, 'B1', '2027-01-31', 21, 'd2', 'Pat Other', 'e21');
    INSERT INTO rx_from_branch VALUES ('rx1', 'd2', 'e20', 21);
    INSERT INTO sync_folded_type VALUES ('rx.dispensed', 21);`,
  22: `
    INSERT INTO outbox_event (id, tenant_id, branch_id, device_id, hlc, type, schema_version, occurred_at, payload)
      VALUES ('0195f000-0000-7000-8000-000000000022', 't1', 'b1', 'd1', '000000000000022:000000:d1', 'sales.saleCompleted', 1, 22, '{}');`,
};

function tableCounts(db: Db): Record<string, number> {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' AND name NOT LIKE '%trigram%'",
    )
    .all();
  return Object.fromEntries(tables.map((t) => [t.name, (db.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n]));
}

function columns(db: Db): Record<string, string[]> {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  return Object.fromEntries(tables.map((t) => [t.name, db.prepare<[], { name: string }>(`PRAGMA table_info("${t.name}")`).all().map((c) => c.name)]));
}

describe('migrations', () => {
  it('are numbered 1..n without gaps, and every one has a populated-database fixture', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    for (const m of migrations) expect(fixtures[m.version], `fixture for migration ${m.version}`).toBeDefined();
  });

  for (const m of migrations) {
    it(`${m.version} (${m.name}) applies to an empty database`, () => {
      const db = memoryDb();
      expect(migrate(db, m.version)).toEqual(migrations.filter((x) => x.version <= m.version).map((x) => x.version));
      expect(schemaVersion(db)).toBe(m.version);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });

    it(`${m.version} (${m.name}) applies to a populated database and keeps every row`, () => {
      const db = memoryDb();
      migrate(db, m.version - 1);
      for (let v = 1; v < m.version; v++) db.exec(fixtures[v] ?? '');
      const before = tableCounts(db);
      expect(migrate(db, m.version)).toEqual([m.version]);
      const after = tableCounts(db);
      for (const [table, n] of Object.entries(before)) expect(after[table], table).toBe(n);
      db.exec(fixtures[m.version] ?? '');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    });
  }

  it('run again, change nothing', () => {
    const db = memoryDb();
    migrate(db);
    expect(migrate(db)).toEqual([]);
    expect(schemaVersion(db)).toBe(latestVersion());
  });

  it('only ever add columns: no later migration drops or renames a column of an earlier one', () => {
    const db = memoryDb();
    let previous: Record<string, string[]> = {};
    for (const m of migrations) {
      migrate(db, m.version);
      const now = columns(db);
      for (const [table, cols] of Object.entries(previous)) {
        expect(now[table], `table ${table} still exists after migration ${m.version}`).toBeDefined();
        expect(now[table]).toEqual(expect.arrayContaining(cols));
      }
      previous = now;
    }
  });

  it('keep the stock projection equal to the ledger through the trigger', () => {
    const db = memoryDb();
    migrate(db);
    db.exec(`${fixtures[1]}${fixtures[2]}${fixtures[3]}`);
    db.exec("INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) VALUES ('m2', 'l1', 'pr1', 'sale', -3, 2)");
    expect(db.prepare("SELECT on_hand, expiry FROM stock_balance WHERE lot_id = 'l1'").get()).toEqual({
      on_hand: 61,
      expiry: (db.prepare("SELECT expiry FROM stock_lot WHERE id = 'l1'").get() as { expiry: string }).expiry,
    });
    expect(() => db.exec("UPDATE stock_movement SET quantity = 100 WHERE id = 'm1'")).toThrow(/immutable/);
    expect(() => db.exec("DELETE FROM audit_log")).toThrow(/immutable/);
  });

  it('16 copies each lot\'s location and cost and its product\'s pack size onto the projection, and keeps them current', () => {
    const db = memoryDb();
    migrate(db, 15);
    for (let v = 1; v <= 15; v++) db.exec(fixtures[v] ?? '');
    migrate(db, 16);
    const row = (lot: string) => db.prepare('SELECT on_hand, expiry, location, cost_minor, pack_size FROM stock_balance WHERE lot_id = ?').get(lot);
    expect(row('l1')).toEqual({ on_hand: -1, expiry: '2027-01-31', location: 'shelf', cost_minor: 50, pack_size: 32 });
    db.exec(fixtures[16] ?? '');
    expect(row('l1')).toMatchObject({ cost_minor: 55 });
    expect(row('l16')).toEqual({ on_hand: 4, expiry: '2027-03-31', location: 'quarantine', cost_minor: null, pack_size: 32 });
    db.exec("UPDATE product SET pack_size = 16 WHERE id = 'pr1'");
    db.exec("INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) VALUES ('m-16b', 'l1', 'pr1', 'receipt', 10, 17)");
    expect(row('l1')).toEqual({ on_hand: 9, expiry: '2027-01-31', location: 'shelf', cost_minor: 55, pack_size: 16 });
    expect(row('l16')).toMatchObject({ pack_size: 16 });
    const covering = db.prepare("EXPLAIN QUERY PLAN SELECT sum(on_hand * cost_minor / pack_size) FROM stock_balance WHERE expiry <= '2027-12-31' AND on_hand > 0 AND location <> 'quarantine'").all() as { detail: string }[];
    expect(covering.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX stock_balance_in_stock_expiry_value/);
  });
});
