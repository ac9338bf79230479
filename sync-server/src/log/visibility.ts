// Which events leave their branch (DESIGN.md "Sync": counters pull their branch, the chain's master data and
// what other branches publish to them). Deny wins: patient-related events never leave their branch, and an
// event type this server does not know stays in its branch until a rule says otherwise.
const PUBLISHED: readonly string[] = ['catalog.*', 'inventory.recall*', 'stock.levelChanged', 'staff.usersPublished', 'staff.rolesPublished'];
const NEVER_PUBLISHED_DOMAINS: readonly string[] = ['patient', 'rx', 'clinical', 'prescription', 'claims'];

function matches(pattern: string, type: string): boolean {
  return pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern;
}

export function isPublished(type: string): boolean {
  const domain = type.split('.')[0] ?? '';
  if (NEVER_PUBLISHED_DOMAINS.includes(domain)) return false;
  return PUBLISHED.some((p) => matches(p, type));
}

export const publishedPatterns = PUBLISHED;
export const branchOnlyDomains = NEVER_PUBLISHED_DOMAINS;
