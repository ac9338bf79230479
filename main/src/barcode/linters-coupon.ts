// North American coupon codes in AI (8110) and positive offer file coupons in AI (8112) are a chain of
// variable-length-indicator fields; the GS1 coupon rules reject a chain that is truncated, overlong or carries
// an out-of-range indicator, so that a malformed coupon is refused at the till instead of mis-applied.
import { fail, type LintCode, type LintContext, type LintFailure, type Linter } from './lint-types.js';

const DATE = /^\d\d(0[1-9]|1[0-2])(\d\d)$/;

/** Coupon dates are YYMMDD without day 00; two-digit years use the every-fourth-year leap rule. */
function isValidCouponDate(yymmdd: string): boolean {
  const m = DATE.exec(yymmdd);
  if (!m) return false;
  const year = Number(yymmdd.slice(0, 2));
  const month = Number(m[1]);
  const day = Number(m[2]);
  const days = month === 2 ? (year % 4 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day >= 1 && day <= days;
}

class CouponCursor {
  p = 0;
  constructor(
    readonly data: string,
    readonly ctx: LintContext,
  ) {}

  get atEnd(): boolean {
    return this.p >= this.data.length;
  }
  get remaining(): number {
    return this.data.length - this.p;
  }
  digit(): number {
    return this.data.charCodeAt(this.p) - 48;
  }
  /** A field that is absent altogether marks the whole value. */
  missing(code: LintCode): LintFailure {
    return fail(code, 0, this.data.length);
  }
  /** A field cut short marks what is left, or the whole value when nothing is left. */
  truncated(code: LintCode): LintFailure {
    return this.atEnd ? fail(code, 0, this.data.length) : fail(code, this.p, this.remaining);
  }
  /** Consumes `length` characters, or reports the field as truncated. */
  take(length: number, code: LintCode): LintFailure | null {
    if (this.remaining < length) return this.truncated(code);
    this.p += length;
    return null;
  }
  /** Checks a GS1 Company Prefix field of `length` characters at the cursor with the caller's lookup. */
  gcp(length: number): LintFailure | null {
    if (length === 0 || !this.ctx.gcpLookup) return null;
    const verdict = this.ctx.gcpLookup(this.data.slice(this.p, this.p + length));
    if (verdict === 'offline') return fail('gcpDatasourceOffline', this.p, length);
    if (verdict === 'invalid') return fail('invalidGcpPrefix', this.p, length);
    return null;
  }
}

type VliCodes = { missing: LintCode; invalid: LintCode; truncated: LintCode };

/**
 * Reads a one-digit length indicator (allowed when `isAllowed`), then the field it announces, whose length is
 * `lengthOf(indicator)`. Returns the field's start and length, or the failure.
 */
function vliField(
  c: CouponCursor,
  codes: VliCodes,
  isAllowed: (d: number) => boolean,
  lengthOf: (d: number) => number,
): LintFailure | { start: number; length: number } {
  if (c.atEnd) return c.missing(codes.missing);
  const d = c.digit();
  if (!isAllowed(d)) return fail(codes.invalid, c.p, 1);
  c.p++;
  const length = lengthOf(d);
  const start = c.p;
  const bad = c.take(length, codes.truncated);
  return bad ?? { start, length };
}

function isFailure(x: LintFailure | { start: number; length: number }): x is LintFailure {
  return 'code' in x;
}

function checkGcpField(c: CouponCursor, field: { start: number; length: number }): LintFailure | null {
  const end = c.p;
  c.p = field.start;
  const bad = c.gcp(field.length);
  c.p = end;
  return bad;
}

function allDigits(data: string): LintFailure | null {
  const bad = /\D/.exec(data);
  return bad ? fail('nonDigitCharacter', bad.index, 1) : null;
}

const range = (lo: number, hi: number) => (d: number) => d >= lo && d <= hi;
const plus6 = (d: number) => d + 6;
const same = (d: number) => d;

/** Purchase requirement (VLI 1-5), requirement code (0-4 or 9) and three-digit family code. */
function purchaseRequirement(c: CouponCursor, n: '1st' | '2nd' | '3rd'): LintFailure | null {
  const field = vliField(
    c,
    {
      missing: `couponMissing${n}PurchaseRequirementVli`,
      invalid: `couponInvalid${n}PurchaseRequirementLength`,
      truncated: `couponTruncated${n}PurchaseRequirement`,
    },
    range(1, 5),
    same,
  );
  if (isFailure(field)) return field;
  if (c.atEnd) return c.missing(`couponMissing${n}PurchaseRequirementCode`);
  const code = c.digit();
  if (code > 4 && code !== 9) return fail(`couponInvalid${n}PurchaseRequirementCode`, c.p, 1);
  c.p++;
  return c.take(3, `couponTruncated${n}PurchaseFamilyCode`);
}

/** Additional purchase GCP: VLI 0-6 announces 6-12 digits, 9 announces none. */
function purchaseGcp(c: CouponCursor, n: '2nd' | '3rd'): LintFailure | null {
  const field = vliField(
    c,
    {
      missing: `couponMissing${n}PurchaseGcpVli`,
      invalid: `couponInvalid${n}PurchaseGcpLength`,
      truncated: `couponTruncated${n}PurchaseGcp`,
    },
    (d) => d <= 6 || d === 9,
    (d) => (d === 9 ? 0 : d + 6),
  );
  return isFailure(field) ? field : checkGcpField(c, field);
}

function couponDate(c: CouponCursor, tooShort: LintCode, invalid: LintCode): LintFailure | string {
  c.p++;
  if (c.remaining < 6) return c.truncated(tooShort);
  const date = c.data.slice(c.p, c.p + 6);
  if (!isValidCouponDate(date)) return fail(invalid, c.p, 6);
  c.p += 6;
  return date;
}

/** AI (8110): North American Coupon Code. */
export const lintCouponCode: Linter = (data, ctx) => {
  const bad = allDigits(data);
  if (bad) return bad;
  const c = new CouponCursor(data, ctx);

  const primaryGcp = vliField(
    c,
    { missing: 'couponMissingGcpVli', invalid: 'couponInvalidGcpLength', truncated: 'couponTruncatedGcp' },
    range(0, 6),
    plus6,
  );
  if (isFailure(primaryGcp)) return primaryGcp;
  const badGcp = checkGcpField(c, primaryGcp);
  if (badGcp) return badGcp;

  const steps: (() => LintFailure | null)[] = [
    () => c.take(6, 'couponTruncatedOfferCode'),
    () => {
      const saveValue = vliField(
        c,
        {
          missing: 'couponMissingSaveValueVli',
          invalid: 'couponInvalidSaveValueLength',
          truncated: 'couponTruncatedSaveValue',
        },
        range(1, 5),
        same,
      );
      return isFailure(saveValue) ? saveValue : null;
    },
    () => purchaseRequirement(c, '1st'),
  ];
  for (const step of steps) {
    const failure = step();
    if (failure) return failure;
  }

  // Optional field 1: additional purchase rules code and 2nd purchase.
  if (!c.atEnd && c.digit() === 1) {
    c.p++;
    if (c.atEnd) return c.missing('couponMissingAdditionalPurchaseRulesCode');
    if (c.digit() > 3) return fail('couponInvalidAdditionalPurchaseRulesCode', c.p, 1);
    c.p++;
    const failure = purchaseRequirement(c, '2nd') ?? purchaseGcp(c, '2nd');
    if (failure) return failure;
  }

  // Optional field 2: 3rd purchase.
  if (!c.atEnd && c.digit() === 2) {
    c.p++;
    const failure = purchaseRequirement(c, '3rd') ?? purchaseGcp(c, '3rd');
    if (failure) return failure;
  }

  // Optional field 3: expiration date.
  let expiry: string | null = null;
  if (!c.atEnd && c.digit() === 3) {
    const date = couponDate(c, 'couponTooShortForExpirationDate', 'couponInvalidExpirationDate');
    if (typeof date !== 'string') return date;
    expiry = date;
  }

  // Optional field 4: start date, which may not fall after the expiration date.
  if (!c.atEnd && c.digit() === 4) {
    const date = couponDate(c, 'couponTooShortForStartDate', 'couponInvalidStartDate');
    if (typeof date !== 'string') return date;
    if (expiry !== null && date > expiry) return fail('couponExpirationBeforeStart', c.p - 14, 14);
  }

  // Optional field 5: serial number, VLI 0-9 announcing 6-15 digits.
  if (!c.atEnd && c.digit() === 5) {
    c.p++;
    const serial = vliField(
      c,
      {
        missing: 'couponMissingSerialNumberVli',
        invalid: 'couponMissingSerialNumberVli',
        truncated: 'couponTruncatedSerialNumber',
      },
      range(0, 9),
      plus6,
    );
    if (isFailure(serial)) return serial;
  }

  // Optional field 6: retailer GCP or GLN, VLI 1-7 announcing 7-13 digits.
  if (!c.atEnd && c.digit() === 6) {
    c.p++;
    const retailer = vliField(
      c,
      {
        missing: 'couponMissingRetailerGcpOrGlnVli',
        invalid: 'couponInvalidRetailerGcpOrGlnLength',
        truncated: 'couponTruncatedRetailerGcpOrGln',
      },
      range(1, 7),
      plus6,
    );
    if (isFailure(retailer)) return retailer;
    const badRetailer = checkGcpField(c, retailer);
    if (badRetailer) return badRetailer;
  }

  // Optional field 9: save value code, applies-to-item, store coupon flag, don't-multiply flag.
  if (!c.atEnd && c.digit() === 9) {
    c.p++;
    if (c.atEnd) return c.missing('couponMissingSaveValueCode');
    if (![0, 1, 2, 5, 6].includes(c.digit())) return fail('couponInvalidSaveValueCode', c.p, 1);
    c.p++;
    if (c.atEnd) return c.missing('couponMissingSaveValueAppliesToItem');
    if (c.digit() > 2) return fail('couponInvalidSaveValueAppliesToItem', c.p, 1);
    c.p++;
    if (c.atEnd) return c.missing('couponMissingStoreCouponFlag');
    c.p++;
    if (c.atEnd) return c.missing('couponMissingDontMultiplyFlag');
    if (c.digit() > 1) return fail('couponInvalidDontMultiplyFlag', c.p, 1);
    c.p++;
  }

  return c.atEnd ? null : fail('couponExcessData', c.p, c.remaining);
};

/** AI (8112): paperless coupon code identification for use in North America (positive offer file). */
export const lintCouponPosOffer: Linter = (data, ctx) => {
  const bad = allDigits(data);
  if (bad) return bad;
  const c = new CouponCursor(data, ctx);
  if (c.atEnd) return fail('couponMissingFormatCode', 0, 0);
  if (c.digit() > 1) return fail('couponInvalidFormatCode', 0, 1);
  c.p++;
  const funder = vliField(
    c,
    { missing: 'couponMissingFunderVli', invalid: 'couponInvalidFunderLength', truncated: 'couponTruncatedFunder' },
    range(0, 6),
    plus6,
  );
  if (isFailure(funder)) return funder;
  const badFunder = checkGcpField(c, funder);
  if (badFunder) return badFunder;
  const offer = c.take(6, 'couponTruncatedOfferCode');
  if (offer) return offer;
  const serial = vliField(
    c,
    {
      missing: 'couponMissingSerialNumberVli',
      invalid: 'couponMissingSerialNumberVli',
      truncated: 'couponTruncatedSerialNumber',
    },
    range(0, 9),
    plus6,
  );
  if (isFailure(serial)) return serial;
  return c.atEnd ? null : fail('couponExcessData', c.p, c.remaining);
};
