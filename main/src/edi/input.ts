// What callers hand in is checked against the contract before anything is written or compared, so that a
// bad order becomes `edi.invalidInput` naming the field, never a malformed file sent to a supplier.
import type { z } from 'zod';
import { hasValidGs1CheckDigit } from '../barcode/check-digits.js';
import { getCurrency } from '../money/currencies.js';
import { purchaseOrderSchema, type PurchaseOrder } from './contract.js';
import { fail } from './errors.js';

export function checkInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue === undefined ? '' : issue.path.map(String).join('.');
    fail('edi.invalidInput', `${what}${path === '' ? '' : ` ${path}`}: ${issue?.message ?? 'is not valid'}`, {
      path: path === '' ? what : `${what}.${path}`,
    });
  }
  return result.data as z.infer<S>;
}

/**
 * The order contract, plus the rules that need the currency table and the GS1 check digit (which a pure
 * contract cannot import): a currency the money module knows, each price at no fewer decimals than that
 * currency has, and GTINs whose check digit is right.
 */
export function checkOrder(value: unknown): { order: PurchaseOrder; currencyExponent: number } {
  const order = checkInput(purchaseOrderSchema, value, 'order');
  const currency = getCurrency(order.currency);
  if (!currency.ok) {
    fail('edi.invalidInput', `order currency: ${order.currency} is not a currency Mortar knows`, {
      path: 'order.currency',
    });
  }
  const exponent = currency.value.exponent;
  order.lines.forEach((line, index) => {
    if (line.currencyExponent < exponent) {
      fail(
        'edi.invalidInput',
        `order lines.${index}.currencyExponent: ${order.currency} prices have at least ${exponent} decimals`,
        { path: `order.lines.${index}.currencyExponent` },
      );
    }
    if (line.gtin !== undefined && !hasValidGs1CheckDigit(line.gtin)) {
      fail('edi.invalidInput', `order lines.${index}.gtin: ${line.gtin} has a wrong check digit`, {
        path: `order.lines.${index}.gtin`,
      });
    }
  });
  return { order, currencyExponent: exponent };
}
