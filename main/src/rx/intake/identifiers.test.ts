import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deaCheckDigit, npiCheckDigit, validateDea, validateNpi } from './identifiers.js';

const samples = new URL('../../../../models/rx-images/samples/', import.meta.url);

type SampleTruth = { truth: { prescriber: { name: string; npi: string | null; dea: string | null } } };

function sampleTruths(): SampleTruth[] {
  return readdirSync(samples)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(new URL(f, samples), 'utf8')) as SampleTruth);
}

describe('validateNpi', () => {
  it('accepts the CMS example NPI 1234567893', () => {
    expect(validateNpi('1234567893')).toEqual({ ok: true, value: '1234567893' });
    expect(npiCheckDigit('123456789')).toBe(3);
  });

  it('ignores spaces and dashes', () => {
    expect(validateNpi('123-456 7893')).toEqual({ ok: true, value: '1234567893' });
  });

  it('rejects a wrong check digit and says which digit was expected', () => {
    const r = validateNpi('1234567890');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('npi.badCheckDigit');
      expect(r.error.details.expected).toBe('3');
    }
  });

  it('rejects wrong lengths, letters and a first digit other than 1 or 2', () => {
    for (const bad of ['123456789', '12345678934', '12345678O3', '3234567893', '']) {
      const r = validateNpi(bad);
      expect(r.ok ? null : r.error.code).toBe('npi.badFormat');
    }
  });

  it('catches every single-digit misread of a valid NPI', () => {
    const npi = '1234567893';
    for (let i = 1; i < 10; i++) {
      for (let d = 0; d <= 9; d++) {
        const changed = npi.slice(0, i) + String(d) + npi.slice(i + 1);
        if (changed !== npi) expect(validateNpi(changed).ok).toBe(false);
      }
    }
  });

  it('accepts every NPI of the generated sample prescriptions', () => {
    const npis = sampleTruths().flatMap((s) => (s.truth.prescriber.npi === null ? [] : [s.truth.prescriber.npi]));
    expect(npis.length).toBeGreaterThan(0);
    for (const npi of npis) expect(validateNpi(npi).ok).toBe(true);
  });
});

describe('validateDea', () => {
  it('accepts a number whose check digit holds: AB1234563', () => {
    // 1+3+5 = 9, 2·(2+4+6) = 24, 33 → 3
    expect(deaCheckDigit('123456')).toBe(3);
    expect(validateDea('AB1234563')).toEqual({ ok: true, value: 'AB1234563' });
  });

  it('rejects a wrong check digit', () => {
    const r = validateDea('AB1234564');
    expect(r.ok ? null : r.error.code).toBe('dea.badCheckDigit');
  });

  it('rejects a first letter that is no registrant type', () => {
    const r = validateDea('ZB1234563');
    expect(r.ok ? null : r.error.code).toBe('dea.badRegistrantType');
  });

  it('rejects a malformed number', () => {
    for (const bad of ['A11234563', 'AB123456', 'AB12345637', '1B1234563', 'ABI234563']) {
      const r = validateDea(bad);
      expect(r.ok ? null : r.error.code).toBe('dea.badFormat');
    }
  });

  it("checks the second letter against the prescriber's surname initial", () => {
    expect(validateDea('AB1234563', { prescriberSurname: 'Brown' }).ok).toBe(true);
    const r = validateDea('AB1234563', { prescriberSurname: 'Smith' });
    expect(r.ok ? null : r.error.code).toBe('dea.surnameMismatch');
    if (!r.ok) expect(r.error.details.expected).toBe('S');
  });

  it('lets a business registration (second character 9) pass the surname rule', () => {
    expect(validateDea('A91234563', { prescriberSurname: 'Smith' }).ok).toBe(true);
  });

  it('accepts every DEA number of the generated samples with its prescriber', () => {
    const truths = sampleTruths().filter((s) => s.truth.prescriber.dea !== null);
    expect(truths.length).toBeGreaterThan(0);
    for (const s of truths) {
      const surname = s.truth.prescriber.name.split(' ').pop() ?? '';
      expect(validateDea(s.truth.prescriber.dea as string, { prescriberSurname: surname }).ok).toBe(true);
    }
  });
});
