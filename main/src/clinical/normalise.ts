// Drug names are matched case-, accent-, space- and punctuation-insensitively, and salt or ester words are
// dropped as a fallback, because the same ingredient reaches the checker as "Sertraline HCl", "sertraline
// hydrochloride" or "SERTRALINE": a missed match is a missed alert.

/** The lookup key of a name: accents removed, lower case, letters and digits only. */
export function nameKey(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** Words of a name, for salt stripping: accents removed, lower case, split on anything not a letter or digit. */
export function nameWords(raw: string): string[] {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

const saltWords = new Set([
  'hydrochloride', 'hcl', 'dihydrochloride', 'hydrobromide', 'hbr', 'sodium', 'disodium', 'potassium', 'calcium',
  'magnesium', 'maleate', 'mesilate', 'mesylate', 'besilate', 'besylate', 'succinate', 'tartrate', 'bitartrate',
  'citrate', 'sulfate', 'sulphate', 'bisulfate', 'phosphate', 'acetate', 'fumarate', 'hemifumarate', 'dihydrate',
  'monohydrate', 'trihydrate', 'sesquihydrate', 'hemihydrate', 'anhydrous', 'hyclate', 'bromide', 'chloride',
  'embonate', 'pamoate', 'estolate', 'ethylsuccinate', 'stearate', 'lactobionate', 'propionate', 'dipropionate',
  'furoate', 'valerate', 'gluconate', 'carbonate', 'disoproxil', 'etexilate', 'mofetil', 'axetil', 'pivoxil',
  'medoxomil', 'cilexetil', 'alafenamide', 'meglumine', 'trometamol', 'tromethamine', 'arginine', 'erbumine',
  'tosilate', 'tosylate', 'xinafoate', 'napsylate', 'napadisilate', 'decanoate', 'enanthate', 'palmitate',
  'base', 'salt', 'free', 'acid',
]);

/**
 * Candidate keys for a name, best first: the whole name, then the name without salt words.
 * "acid" is only dropped after the whole name failed, so "valproic acid" still matches itself first.
 */
export function candidateKeys(raw: string): string[] {
  const keys = [nameKey(raw)];
  const words = nameWords(raw);
  const keepingAcid = words.filter((w) => w === 'acid' || !saltWords.has(w));
  const stripped = words.filter((w) => !saltWords.has(w));
  for (const candidate of [keepingAcid, stripped]) {
    if (candidate.length > 0 && candidate.length < words.length) keys.push(candidate.join(''));
  }
  return keys.filter((k, i) => k.length > 0 && keys.indexOf(k) === i);
}

const allergyNoiseWords = new Set([
  'allergy', 'allergies', 'allergic', 'to', 'intolerance', 'intolerant', 'sensitivity', 'sensitive', 'hypersensitivity',
  'reaction', 'reactions', 'adverse', 'history', 'of', 'hx', 'known', 'severe', 'mild', 'class', 'group',
]);

/** Candidate keys for a recorded allergy ("Allergic to penicillins", "sulfa drugs"), best first. */
export function allergyCandidateKeys(raw: string): string[] {
  const keys = candidateKeys(raw);
  const words = nameWords(raw).filter((w) => !allergyNoiseWords.has(w));
  if (words.length > 0) {
    const meaningful = words.join(' ');
    for (const k of candidateKeys(meaningful)) keys.push(k);
  }
  // Plural records ("cephalosporins", "opioids") fall back to the singular.
  for (const k of [...keys]) if (k.endsWith('s') && k.length > 4) keys.push(k.slice(0, -1));
  return keys.filter((k, i) => k.length > 0 && keys.indexOf(k) === i);
}
