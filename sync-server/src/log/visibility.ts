// Which events leave their branch (DESIGN.md "Sync": counters pull their branch, the chain's master data and
// what other branches publish to them). Deny wins: patient-related events never leave their branch, and an
// event type this server does not know stays in its branch until a rule says otherwise.
const PUBLISHED: readonly string[] = ['catalog.*', 'inventory.recall*', 'stock.levelChanged', 'staff.usersPublished', 'staff.rolesPublished'];
const NEVER_PUBLISHED_DOMAINS: readonly string[] = ['patient', 'patients', 'rx', 'clinical', 'prescription', 'claims'];
// Read by head office only, never pulled by a device: a counter's audit chain is already on that counter (it
// need not come back) and no other device is entitled to it.
const HEAD_OFFICE_ONLY_TYPES: readonly string[] = ['audit.entryRecorded'];

function matches(pattern: string, type: string): boolean {
  return pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern;
}

export function isPublished(type: string): boolean {
  const domain = type.split('.')[0] ?? '';
  if (NEVER_PUBLISHED_DOMAINS.includes(domain)) return false;
  return PUBLISHED.some((p) => matches(p, type));
}

export const publishedPatterns = PUBLISHED;
export const headOfficeOnlyTypes = HEAD_OFFICE_ONLY_TYPES;
export const branchOnlyDomains = NEVER_PUBLISHED_DOMAINS;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function field(value: unknown, ...path: string[]): unknown {
  let v = value;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/**
 * The one other branch an event is addressed to, or null. A stock transfer travels to its destination
 * branch only, and the destination's receipt back to the sender only: no third branch sees either.
 */
export function addressee(event: { type: string; branchId: string; payload: unknown }): string | null {
  let to: unknown = null;
  if (event.type === 'inventory.transferSent') to = field(event.payload, 'document', 'toBranchId');
  else if (event.type === 'inventory.transferReceived') to = field(event.payload, 'fromBranchId');
  return typeof to === 'string' && UUID.test(to) && to.toLowerCase() !== event.branchId.toLowerCase() ? to.toLowerCase() : null;
}
