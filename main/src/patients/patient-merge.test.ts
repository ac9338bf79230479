import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hybridClock, type HybridClock } from '../kernel/hlc.js';
import { migrate } from '../store/migrate.js';
import type { PatientProfile } from './contract.js';
import {
  changedFields,
  ensureBranchPatient,
  fieldClocks,
  fieldValue,
  legacyStamp,
  mergeFields,
  mergeRemoteSave,
  outranks,
  stampLocalSave,
  type FieldClocks,
  type MergeField,
} from './patient-merge.js';
import { nameWords, patientsStore, toProfile } from './patients-store.js';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;

function migrated(): Db {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

// Migrated once; each till's store starts as a copy (the property builds hundreds of stores).
const template = migrated().serialize();

function store(): Db {
  const db = new Database(template);
  db.pragma('foreign_keys = ON');
  return db;
}

const base: PatientProfile = {
  id: 'pa1',
  name: 'Robert King',
  birthDate: '1964-06-14',
  phone: null,
  email: null,
  address: null,
  allergies: [],
  conditions: [],
  reminderConsent: false,
  reminderConsentAt: null,
  createdAt: T0,
  updatedAt: T0,
};

/** Three values per field for edits to choose from, so that tills often set the same field to different values. */
function valueOf(field: MergeField, pick: number, now: number): Partial<PatientProfile> {
  const i = pick % 3;
  switch (field) {
    case 'name':
      return { name: ['Robert King', 'Rob King', 'Robert Kingsley'][i] ?? '' };
    case 'birthDate':
      return { birthDate: ['1964-06-14', '1964-06-15', null][i] ?? null };
    case 'allergies':
      return { allergies: [[], [{ substance: 'Penicillin', kind: 'allergy' as const }], [{ substance: 'Latex', kind: 'intolerance' as const, reaction: 'rash' }]][i] ?? [] };
    case 'conditions':
      return { conditions: [[], [{ name: 'Asthma' }], [{ name: 'Atrial fibrillation', note: 'on warfarin' }]][i] ?? [] };
    case 'reminderConsent':
      return i === 1 ? { reminderConsent: true, reminderConsentAt: now } : { reminderConsent: false, reminderConsentAt: null };
    default:
      return { [field]: ['a', 'b', null][i] ?? null };
  }
}

type Saved = { patient: PatientProfile; clocks: FieldClocks; hlc: string };

/** A till: its store, its wall clock (maybe far off the others') and its hybrid clock, as the dispatcher keeps them. */
type Till = { db: Db; wall: { now: number }; hlc: HybridClock };

function till(node: string, offset: number): Till {
  const wall = { now: T0 + offset };
  return { db: store(), wall, hlc: hybridClock({ now: () => wall.now }, node) };
}

/** What patients.updatePatient does: the new values, updatedAt never going back, the changed fields stamped. */
function localEdit(t: Till, patch: Partial<PatientProfile>): Saved {
  const row = patientsStore.byId(t.db, 'pa1');
  if (!row) throw new Error('edit of an unknown patient');
  const before = toProfile(row);
  const after: PatientProfile = { ...before, ...patch, updatedAt: Math.max(t.wall.now, before.updatedAt) };
  patientsStore.update(t.db, after);
  const hlc = t.hlc.tick();
  return { patient: after, clocks: stampLocalSave(t.db, 'pa1', changedFields(before, after), hlc), hlc };
}

function localCreate(t: Till, profile: PatientProfile): Saved {
  patientsStore.insert(t.db, profile);
  const hlc = t.hlc.tick();
  return { patient: profile, clocks: stampLocalSave(t.db, profile.id, mergeFields, hlc), hlc };
}

function profileAt(t: Till): PatientProfile | null {
  const row = patientsStore.byId(t.db, 'pa1');
  return row ? toProfile(row) : null;
}

const words = (t: Till) => t.db.prepare<[], { word: string }>("SELECT word FROM patient_name_word WHERE patient_id = 'pa1' ORDER BY word").all().map((r) => r.word);

describe('the order of stamps', () => {
  it("ranks an older build's weak stamps below every real stamp, by event stamp among themselves, and anything above none", () => {
    const early = '000000000000001:000000:a';
    const late = '000000000000009:000000:b';
    expect(outranks(late, early)).toBe(true);
    expect(outranks(early, late)).toBe(false);
    expect(outranks(early, legacyStamp(late))).toBe(true);
    expect(outranks(legacyStamp(late), early)).toBe(false);
    expect(outranks(legacyStamp(late), legacyStamp(early))).toBe(true);
    expect(outranks(legacyStamp(early), legacyStamp(early))).toBe(false);
    expect(outranks(legacyStamp(early), undefined)).toBe(true);
  });
});

describe('stamping a local save', () => {
  it('stamps each changed field with the save’s own stamp when that is the newest', () => {
    const a = till('A', 0);
    const created = localCreate(a, base);
    expect(Object.keys(created.clocks)).toEqual([...mergeFields]);
    expect(new Set(Object.values(created.clocks))).toEqual(new Set([created.hlc]));
    a.wall.now += 1000;
    const edit = localEdit(a, { phone: '0123' });
    expect(edit.clocks).toEqual({ phone: edit.hlc });
    expect(fieldClocks(a.db, 'pa1')).toMatchObject({ phone: edit.hlc, name: created.hlc });
  });

  it('stamps a field just after a newer stamp seen from another till, so the later edit wins though this clock is behind', () => {
    const a = till('A', 0);
    const b = till('B', -HOUR);
    const created = localCreate(a, base);
    mergeRemoteSave(b.db, created.patient, created.clocks);
    const edit = localEdit(b, { name: 'Rob King' });
    expect(edit.hlc < created.hlc).toBe(true);
    expect(edit.clocks.name).toBe(`${created.hlc.slice(0, 15)}:000001:B`);
    expect(mergeRemoteSave(a.db, edit.patient, edit.clocks)).toMatchObject({ kind: 'merged', fields: ['name'], before: { name: 'Robert King' }, after: { name: 'Rob King' } });
    expect(profileAt(a)?.name).toBe('Rob King');
    expect(words(a)).toEqual(['king', 'rob']);
  });

  it('moves consent and the time it was given together', () => {
    const a = till('A', 0);
    const b = till('B', 0);
    const created = localCreate(a, base);
    mergeRemoteSave(b.db, created.patient, created.clocks);
    a.wall.now += 5000;
    const edit = localEdit(a, { reminderConsent: true, reminderConsentAt: a.wall.now });
    expect(Object.keys(edit.clocks)).toEqual(['reminderConsent']);
    mergeRemoteSave(b.db, edit.patient, edit.clocks);
    expect(profileAt(b)).toMatchObject({ reminderConsent: true, reminderConsentAt: T0 + 5000, updatedAt: T0 + 5000 });
  });
});

describe('merging another till’s save', () => {
  it('leaves a field whose stored stamp is newer, and changes nothing when the same save comes again', () => {
    const a = till('A', 0);
    const b = till('B', 0);
    const created = localCreate(a, base);
    mergeRemoteSave(b.db, created.patient, created.clocks);
    b.wall.now += 10;
    const newer = localEdit(b, { email: 'b@example.org' });
    const older = { ...created, patient: { ...created.patient, email: 'old@example.org' } };
    expect(mergeRemoteSave(b.db, older.patient, { email: older.clocks.email ?? '' })).toMatchObject({ kind: 'merged', fields: [] });
    expect(profileAt(b)?.email).toBe('b@example.org');
    const once = mergeRemoteSave(a.db, newer.patient, newer.clocks);
    expect(once).toMatchObject({ fields: ['email'] });
    const snapshot = JSON.stringify([profileAt(a), fieldClocks(a.db, 'pa1')]);
    expect(mergeRemoteSave(a.db, newer.patient, newer.clocks)).toMatchObject({ kind: 'merged', fields: [] });
    expect(JSON.stringify([profileAt(a), fieldClocks(a.db, 'pa1')])).toBe(snapshot);
  });

  it('a patient saved before stamps existed takes any stamped value', () => {
    const b = till('B', 0);
    patientsStore.insert(b.db, { ...base, phone: 'local' });
    expect(fieldClocks(b.db, 'pa1')).toEqual({});
    mergeRemoteSave(b.db, { ...base, phone: 'remote' }, { phone: '000000000000001:000000:A' });
    expect(profileAt(b)?.phone).toBe('remote');
  });
});

describe('ensureBranchPatient', () => {
  it('inserts an unknown patient unstamped, so the branch’s own saves still win, and leaves a known one alone', () => {
    const a = till('A', 0);
    const c = till('C', 0);
    const created = localCreate(a, base);
    ensureBranchPatient(c.db, { ...base, phone: 'as the prescription had it' });
    expect(profileAt(c)?.phone).toBe('as the prescription had it');
    expect(words(c)).toEqual(['king', 'robert']);
    expect(fieldClocks(c.db, 'pa1')).toEqual({});
    mergeRemoteSave(c.db, created.patient, created.clocks);
    expect(profileAt(c)?.phone).toBeNull();
    ensureBranchPatient(c.db, { ...base, name: 'Somebody Else' });
    expect(profileAt(c)?.name).toBe('Robert King');
  });
});

type Step = { kind: 'edit'; till: number; field: MergeField; pick: number; advance: number } | { kind: 'deliver'; till: number; pick: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), till: fc.nat({ max: 2 }), field: fc.constantFrom(...mergeFields), pick: fc.nat({ max: 2 }), advance: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant('deliver' as const), till: fc.nat({ max: 2 }), pick: fc.nat() }),
);

/** Shuffles by a seed, deterministically (a small linear congruential generator). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('convergence', () => {
  it('any edits at three tills with clocks up to an hour apart, delivered in any order, end in the same profile everywhere: per field the value of the newest stamp', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: -HOUR, max: HOUR }), fc.integer({ min: -HOUR, max: HOUR })),
        fc.array(stepArb, { maxLength: 40 }),
        fc.integer(),
        ([offB, offC], steps, seed) => {
          const tills = [till('A', 0), till('B', offB), till('C', offC)];
          const saves: Saved[] = [];
          // Per till, the saves not yet delivered there (a till's own saves are there from the start).
          const pending: number[][] = [[], [], []];
          const record = (from: number, s: Saved) => {
            saves.push(s);
            for (let t = 0; t < 3; t++) if (t !== from) pending[t]?.push(saves.length - 1);
          };
          const deliver = (t: number, i: number) => {
            const s = saves[i];
            if (s) mergeRemoteSave((tills[t] as Till).db, s.patient, s.clocks);
          };
          record(0, localCreate(tills[0] as Till, base));
          for (const step of steps) {
            const t = tills[step.till] as Till;
            const queue = pending[step.till] ?? [];
            if (step.kind === 'deliver') {
              if (queue.length > 0) deliver(step.till, queue.splice(step.pick % queue.length, 1)[0] ?? 0);
              continue;
            }
            t.wall.now += step.advance;
            // A till edits only a patient it knows.
            if (profileAt(t)) record(step.till, localEdit(t, valueOf(step.field, step.pick, t.wall.now)));
          }
          for (let t = 0; t < 3; t++) for (const i of shuffled(pending[t] ?? [], seed + t)) deliver(t, i);

          const finals = tills.map(profileAt);
          expect(finals[1]).toEqual(finals[0]);
          expect(finals[2]).toEqual(finals[0]);
          const final = finals[0] as PatientProfile;
          for (const field of mergeFields) {
            const newest = saves.filter((s) => s.clocks[field] !== undefined).sort((x, y) => ((x.clocks[field] ?? '') < (y.clocks[field] ?? '') ? 1 : -1))[0];
            expect(fieldValue(final, field)).toEqual(fieldValue(newest?.patient ?? base, field));
          }
          expect(final.updatedAt).toBe(Math.max(...saves.map((s) => s.patient.updatedAt)));
          const clocks = fieldClocks((tills[0] as Till).db, 'pa1');
          for (const t of tills) {
            expect(fieldClocks(t.db, 'pa1')).toEqual(clocks);
            expect(words(t)).toEqual(nameWords(final.name).sort());
            t.db.close();
          }
        },
      ),
      { seed: 20_261_127, numRuns: 150 },
    );
  });
});
