import { describe, expect, it } from 'vitest';
import { errorCodes, permissions } from '@mortar/main/contract';
import { bridgeErrorCodes } from '../app/bridge.js';
import { errorWords, fieldIssues, fieldWords } from '../app/api-error.js';
import { de } from './de.js';
import { en } from './en.js';
import { createI18n } from './i18n.js';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('dictionaries', () => {
  it('German has exactly the keys English has', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it('no entry is left empty', () => {
    for (const dict of [en, de]) {
      for (const k of keys(dict)) {
        const value = k.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], dict);
        expect(typeof value === 'string' && value.trim().length > 0, k).toBe(true);
      }
    }
  });

  it.each(['en', 'de'] as const)('every error code of the contract and the bridge has words in %s', (language) => {
    const t = createI18n(language).t;
    for (const code of [...errorCodes, ...bridgeErrorCodes]) {
      const words = errorWords(t, { code, message: 'FALLBACK', details: { until: 0, permission: 'audit.read' } }, 0);
      expect(words, code).not.toContain('FALLBACK');
      expect(words, code).not.toContain('errors.');
    }
  });
});

// The core passes money (`money.*`) and GS1 (`gs1.*`) errors through unchanged from its engines; the contract
// does not export those lists, so they are named here, as the core's money and barcode contracts declare them.
const passedThroughCodes = [
  ...['notInteger', 'overflow', 'unknownCurrency', 'invalidDecimal', 'tooManyDecimals', 'negativeAmount', 'invalidQuantity']
    .concat(['invalidDiscount', 'invalidLine', 'unknownTaxCategory', 'invalidRuleSet', 'currencyMismatch', 'invalidRate'])
    .concat(['rateNotFound', 'invalidTender', 'overTender', 'insufficientTender', 'invalidLocale'])
    .map((c) => `money.${c}`),
  ...['empty', 'inputTooLong', 'invalidOption', 'unknownSymbology', 'unrecognisedFormat', 'malformedElementString', 'unknownAi']
    .concat(['valueTooShort', 'valueTooLong', 'missingSeparator', 'characterNotAllowed', 'badCheckDigit', 'impossibleDate'])
    .concat(['invalidValue', 'gcpUnavailable', 'tooManyAis', 'repeatedAiMismatch', 'aiNotAllowedTogether', 'requiredAiMissing'])
    .concat(['signatureNeedsSerialisedKey', 'invalidDigitalLink', 'internalError'])
    .map((c) => `gs1.${c}`),
];

describe('words for the codes the core passes through', () => {
  it.each(['en', 'de'] as const)('every money and GS1 error has words in %s', (language) => {
    const t = createI18n(language).t;
    for (const code of passedThroughCodes) {
      expect(errorWords(t, { code, message: 'FALLBACK' }), code).not.toContain('FALLBACK');
    }
  });

  it.each(['en', 'de'] as const)('every permission of the contract has words in %s', (language) => {
    const t = createI18n(language).t;
    for (const permission of permissions) {
      expect(errorWords(t, { code: 'auth.forbidden', message: 'x', details: { permission } }), permission).not.toContain(permission);
    }
  });
});

describe('errorWords', () => {
  const t = createI18n('en').t;

  it('says for how many minutes an account stays locked, rounded up', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(errorWords(t, { code: 'auth.accountLocked', message: 'x', details: { until: now + 14 * 60_000 + 1 } }, now)).toContain(
      '15 minutes',
    );
    expect(errorWords(t, { code: 'auth.accountLocked', message: 'x', details: { until: now + 30_000 } }, now)).toContain('1 minute.');
  });

  it('names the missing permission in words', () => {
    expect(errorWords(t, { code: 'auth.forbidden', message: 'x', details: { permission: 'users.manage' } })).toBe(
      'Your role may not manage staff.',
    );
  });

  it("falls back to the core's own message for a code this UI does not know", () => {
    expect(errorWords(t, { code: 'sales.somethingNew', message: 'The core explains.' })).toBe('The core explains.');
  });

  it('speaks German when the screen does', () => {
    expect(errorWords(createI18n('de').t, { code: 'users.usernameTaken', message: 'x' })).toBe(
      'Dieser Benutzername ist bereits vergeben.',
    );
  });
});

describe('fieldIssues', () => {
  it('maps each invalid-input issue to its field path, first one wins', () => {
    const error = {
      code: 'api.invalidInput',
      message: 'x',
      details: {
        issues: [
          { path: ['admin', 'password'], message: 'a password has at least 10 characters', code: 'too_small' },
          { path: ['pharmacy', 'name'], message: 'too short', code: 'too_small' },
          { path: ['admin', 'password'], message: 'second', code: 'custom' },
        ],
      },
    };
    expect(fieldIssues(error)).toEqual({ 'admin.password': 'a password has at least 10 characters', 'pharmacy.name': 'too short' });
  });

  it('ignores errors that are not about input', () => {
    expect(fieldIssues({ code: 'auth.forbidden', message: 'x', details: { issues: [{ path: ['a'] }] } })).toEqual({});
  });

  it('words a field problem by what the field needs', () => {
    expect(fieldWords(createI18n('de').t, 'admin.pin', 'a PIN is 4 to 8 digits')).toBe('4 bis 8 Ziffern.');
    expect(fieldWords(createI18n('en').t, 'something.odd', 'from the core')).toBe('from the core');
  });
});
