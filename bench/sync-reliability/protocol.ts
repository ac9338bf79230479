// What the reliability run's parent and its counter processes say to each other, and the products every
// branch lists (the same GTINs and SKUs, so a transfer from one branch is recognised at another).
import type { InputOf } from '@mortar/main/contract';

export type ParentMessage =
  /** Start (or resume) selling, receiving and transferring at random. */
  | { type: 'act' }
  /** Stop acting but keep syncing; answered with 'paused' once the act in hand is done. */
  | { type: 'pause' }
  /** Sell one unit now; answered with 'sold' (the SKU, its level after the sale, when the sale committed). */
  | { type: 'probeSell'; probe: number }
  /** Answer 'seen' once this counter's view of `branchId` holds `onHand` of `sku` as of `since` or later. */
  | { type: 'watch'; probe: number; branchId: string; sku: string; onHand: number; since: number; timeoutMs: number }
  | { type: 'quiesce' }
  | { type: 'settle' }
  | { type: 'report' };

export type CounterReport = {
  deviceId: string;
  branchId: string;
  outbox: { id: string; sent: boolean }[];
  inbox: { id: string; state: string }[];
  /** The fold of this counter's own ledger per SKU. */
  levels: { sku: string; onHand: number; quarantined: number }[];
  /** What this counter believes other branches hold, from their stock.levelChanged events. */
  views: { branchId: string; sku: string; onHand: number; quarantined: number }[];
  projectionDifferences: number;
  audit: { ok: boolean; entries: number; firstBroken: unknown };
  transfers: { id: string; direction: 'in' | 'out'; status: string; fromBranchId: string; toBranchId: string | null; quantity: number }[];
  exceptions: string[];
};

export type ChildMessage =
  | { type: 'ready'; synced: boolean }
  | { type: 'quiet' }
  | { type: 'paused' }
  /** The live socket opened or closed; `connects` counts openings by this process. */
  | { type: 'live'; connected: boolean; connects: number }
  | { type: 'sold'; probe: number; sku: string; onHand: number; startedAt: number; at: number }
  /** `at` is null when the deadline passed first. */
  | { type: 'seen'; probe: number; at: number | null }
  | { type: 'settled'; ok: boolean; pending: number; pulled: number; inTransit: number; error: string | null }
  | { type: 'report'; report: CounterReport }
  | { type: 'failed'; message: string };

function gtin13(body12: string): string {
  const sum = [...body12].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body12 + String((10 - (sum % 10)) % 10);
}

const product = (sku: string, name: string, body: string, packSize: number): InputOf<'catalog.createProduct'> => ({
  sku,
  name,
  ingredients: [{ name, strength: '500 mg' }],
  strength: '500 mg',
  form: 'tablet',
  packSize,
  unit: 'tablet',
  legalCategory: 'gsl',
  taxCategory: 'standard',
  priceMinor: 150,
  gtins: [gtin13(body)],
});

export const PRODUCTS: readonly InputOf<'catalog.createProduct'>[] = [
  product('REL-PARA', 'Paracetamol', '501000000101', 16),
  product('REL-IBU', 'Ibuprofen', '501000000102', 24),
  product('REL-ASP', 'Aspirin', '501000000103', 16),
  product('REL-LOR', 'Loratadine', '501000000104', 30),
];
