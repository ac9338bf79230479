// GS1 pairing rules between AIs (Syntax Dictionary `req=` and `ex=` attributes, repeated AIs, and the digital
// signature's need for a serialised key): a batch without a GTIN, or a GTIN and a CONTENT GTIN in one scan,
// does not identify one trade item, so it cannot be matched to stock.
import { aiMatchesPattern, type AiEntry } from './dictionary.js';
import { aiLabel, gs1Error, type Gs1Error } from './errors.js';

type Element = { readonly ai: string; readonly value: string; readonly entry: AiEntry };

function present(ais: readonly Element[], pattern: string, self: string): string | null {
  for (const { ai } of ais) if (ai !== self && aiMatchesPattern(ai, pattern)) return ai;
  return null;
}

const showPattern = (pattern: string) => `(${pattern})`;

/** The same AI twice is allowed only with the same value. */
export function checkRepeats(ais: readonly Element[]): Gs1Error | null {
  const seen = new Map<string, string>();
  for (const { ai, value, entry } of ais) {
    const earlier = seen.get(ai);
    if (earlier === undefined) {
      seen.set(ai, value);
    } else if (earlier !== value) {
      return gs1Error(
        'gs1.repeatedAiMismatch',
        `${aiLabel(ai, entry)} appears twice with different values ('${earlier}' and '${value}')`,
        { ai, values: [earlier, value] },
      );
    }
  }
  return null;
}

/** `ex=`: AIs that may not be carried together (an AI never excludes itself). */
export function checkExclusions(ais: readonly Element[]): Gs1Error | null {
  for (const { ai, entry } of ais) {
    for (const pattern of entry.excludes) {
      const other = present(ais, pattern, ai);
      if (other !== null) {
        const otherEntry = ais.find((x) => x.ai === other)?.entry;
        return gs1Error(
          'gs1.aiNotAllowedTogether',
          `${aiLabel(ai, entry)} may not appear together with ${aiLabel(other, otherEntry)}`,
          { ai, other },
        );
      }
    }
  }
  return null;
}

/** `req=`: each group needs one alternative present in full (`01+21` means both). */
export function checkRequisites(ais: readonly Element[]): Gs1Error | null {
  for (const { ai, entry } of ais) {
    for (const group of entry.requires) {
      const satisfied = group.some((alternative) =>
        alternative.every((pattern) => present(ais, pattern, ai) !== null),
      );
      if (!satisfied) {
        const options = group.map((alternative) => alternative.map(showPattern).join(' with '));
        const wanted = options.length === 1 ? options[0] : `one of ${options.join(', ')}`;
        return gs1Error(
          'gs1.requiredAiMissing',
          `${aiLabel(ai, entry)} needs ${wanted} in the same scan`,
          { ai, required: group.map((alternative) => alternative.join('+')) },
        );
      }
    }
  }
  return null;
}

/** Keys whose optional serial component must be present when a digital signature (8030) is carried. */
const SERIALISABLE_KEYS: ReadonlySet<string> = new Set(['253', '255', '8003']);

/** A digital signature signs one instance, so a GDTI, GCN or GRAI beside it must carry its serial part. */
export function checkSignatureKey(ais: readonly Element[]): Gs1Error | null {
  if (!ais.some(({ ai }) => ai === '8030')) return null;
  for (const { ai, value, entry } of ais) {
    if (SERIALISABLE_KEYS.has(ai) && value.length <= entry.minLength) {
      return gs1Error(
        'gs1.signatureNeedsSerialisedKey',
        `${aiLabel(ai, entry)} must include its serial component when a digital signature (8030) is present`,
        { ai, value },
      );
    }
  }
  return null;
}

/** Every pairing rule, first failure wins. */
export function validateAssociations(ais: readonly Element[]): Gs1Error | null {
  return checkRepeats(ais) ?? checkExclusions(ais) ?? checkRequisites(ais) ?? checkSignatureKey(ais);
}
