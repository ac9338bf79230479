import { afterEach, describe, expect, it } from 'vitest';
import { historySql } from '../patients/medication-history.js';
import { patientSql } from '../patients/patients-store.js';
import { createTestCore, queryPlan, tableScans, type TestCore } from '../testing/index.js';
import { matchProductSql } from './match-product.js';
import { patientPrescriptionsSql } from './patient-prescriptions.js';
import { rxSql } from './rx-store.js';

let core: TestCore | undefined;
afterEach(() => {
  core?.dispose();
  core = undefined;
});

describe('query plans of the prescription and patient lookups', () => {
  it('use indexes: no full table scan', () => {
    core = createTestCore();
    const plans = {
      byWordPrefix: queryPlan(core, patientSql.byWordPrefix, 'kin', 'kin\u{10FFFF}'),
      byBirthDate: queryPlan(core, patientSql.byBirthDate, '1964-06-14'),
      ready: queryPlan(core, patientSql.ready, 'p', 0),
      accessLog: queryPlan(core, patientSql.accessLog, 'p', 10),
      history: queryPlan(core, historySql, { patient: 'p' }),
      lotsAt: queryPlan(core, rxSql.lotsAt, 'pr', 'dispensary'),
      lotsOfBatch: queryPlan(core, rxSql.lotsOfBatch, 'pr', 'B1', 'dispensary'),
      items: queryPlan(core, rxSql.items, 'rx'),
      lastFill: queryPlan(core, rxSql.lastFill, { rx: 'rx', line: 1 }),
      matchProduct: queryPlan(core, matchProductSql, 'amoxicillin'),
      // Re-indexes a saved patient's name (migration 0022).
      patientNameWords: queryPlan(core, 'DELETE FROM patient_name_word WHERE patient_id = ?', 'p'),
      patientPrescriptions: queryPlan(core, patientPrescriptionsSql.byPatient, 'p', 51),
    };
    // 'SCAN CONSTANT ROW' is the one-row SELECT around an EXISTS, and 'SCAN (subquery-N)' reads the rows a
    // UNION ALL of indexed look-ups produced (this till's dispenses and the branch's other fills): not tables.
    const notTables = (d: string) => d !== 'SCAN CONSTANT ROW' && !/^SCAN \(subquery-\d+\)$/.test(d);
    for (const [name, plan] of Object.entries(plans)) expect(tableScans(plan).filter(notTables), `${name}: ${plan.join(' | ')}`).toEqual([]);
    // The newest stamp in the outbox seeds every clock that writes events: read from the end of its index, one
    // entry, never the whole outbox sorted (migration 0022).
    expect(queryPlan(core, 'SELECT hlc FROM outbox_event ORDER BY hlc DESC LIMIT 1')).toEqual(['SCAN outbox_event USING COVERING INDEX outbox_event_hlc']);
  });
});
