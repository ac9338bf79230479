// Field extraction from OCR lines: labels ("Patient:", "DOB", "NPI", "Qty", "Sig" ...) are found by position
// within each line, and each value runs to the next label, so two fields on one printed line stay apart.
// Every value keeps the words it came from, for its bounding box and its OCR confidence.
import type { DateConvention } from './read-date.js';
import { readStrength, repairNumbers } from './match-drug.js';
import type { Box, OcrLine, OcrWord } from './ocr.js';

export type Evidence = { text: string; confidence: number; box: Box | null };

export type ExtractedItem = { drug: Evidence; quantity: Evidence | null; refills: Evidence | null; sig: Evidence | null };

export type Extracted = {
  convention: DateConvention;
  patientName: Evidence | null;
  birthDate: Evidence | null;
  prescriberName: Evidence | null;
  npi: Evidence | null;
  dea: Evidence | null;
  writtenDate: Evidence | null;
  items: ExtractedItem[];
};

type Label = 'patient' | 'dob' | 'date' | 'npi' | 'dea' | 'prescriber' | 'qty' | 'refills' | 'sig' | 'signature' | 'gmc';

// Order matters where labels overlap: "date of birth" must win over "date".
const LABELS: [Label, RegExp][] = [
  ['dob', /\b(?:DOB|D\.\s?O\.\s?B\.?|date\s+of\s+birth|birth\s*date)\s*[:;.,]?/gi],
  ['date', /\bdate(?:\s+(?:written|issued|of\s+issue|prescribed))?\s*[:;.,]?/gi],
  ['patient', /\b(?:patient(?:'s)?(?:\s+name)?|pt\.?\s+name)\s*[:;.,]?/gi],
  ['npi', /\bNPI\s*(?:#|no\.?|number)?\s*[:;.,]?/gi],
  ['dea', /\bDEA\s*(?:#|no\.?|number)?\s*[:;.,]?/gi],
  ['prescriber', /\b(?:prescriber|prescribed\s+by|physician|signed(?:\s+by)?)\s*[:;.,]?/gi],
  ['qty', /(?:\b(?:disp(?:ense)?|qty|quantity|supply)\b\s*[:;.,]?)/gi],
  ['refills', /\b(?:refills?|repeats?)\s*[:;.,]?/gi],
  ['sig', /^\s*(?:sig|directions?)\b\s*[:;.,]?/gi],
  ['signature', /\bsignature\b\s*[:;.,]?/gi],
  ['gmc', /\bGMC\b\s*(?:no\.?|number)?\s*[:;.,]?/gi],
];

type Segment = { label: Label | null; start: number; end: number };

type Line = { text: string; words: OcrWord[]; offsets: number[] };

function toLine(l: OcrLine): Line {
  const offsets: number[] = [];
  let text = '';
  for (const w of l.words) {
    if (text !== '') text += ' ';
    offsets.push(text.length);
    text += w.text;
  }
  return { text, words: l.words, offsets };
}

function segments(text: string): Segment[] {
  const found: { label: Label; start: number; end: number }[] = [];
  for (const [label, re] of LABELS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!found.some((f) => start < f.end && end > f.start)) found.push({ label, start, end });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  found.sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  const firstStart = found[0]?.start ?? text.length;
  if (firstStart > 0) out.push({ label: null, start: 0, end: firstStart });
  found.forEach((f, i) => out.push({ label: f.label, start: f.end, end: found[i + 1]?.start ?? text.length }));
  return out;
}

/** The words overlapping [start, end) of the line, their joined box and mean confidence. */
function evidence(line: Line, start: number, end: number, text?: string): Evidence | null {
  const raw = line.text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const s = start + lead;
  const e = start + raw.trimEnd().length;
  if (e <= s) return null;
  const words = line.words.filter((w, i) => {
    const ws = line.offsets[i] as number;
    return ws < e && ws + w.text.length > s;
  });
  if (words.length === 0) return null;
  const box: Box = {
    x0: Math.min(...words.map((w) => w.box.x0)),
    y0: Math.min(...words.map((w) => w.box.y0)),
    x1: Math.max(...words.map((w) => w.box.x1)),
    y1: Math.max(...words.map((w) => w.box.y1)),
  };
  const confidence = words.reduce((a, w) => a + w.confidence, 0) / words.length;
  return { text: text ?? line.text.slice(s, e), confidence: Math.round(confidence * 100) / 100, box };
}

const SIG_VERB = /^\s*(?:take|apply|inhale|use|instil|instill|insert|give|chew|dissolve|place|spray|inject|swallow|rub)\b/i;
const PRESCRIBER_LINE = /^\s*(?:Dr\.?\s+)?([A-Z][A-Za-z'-]+(?:\s+[A-Z][A-Za-z'.-]*)+),\s*(?:MD|DO|NP|PA|PA-C|DDS|MBBS)\b/;

function cleanPerson(text: string): string {
  return text
    .replace(/^\s*(?:Dr|Mr|Mrs|Ms|Miss|Mx)\.?\s+/i, '')
    .replace(/,\s*(?:MD|DO|NP|PA|PA-C|DDS|MBBS)\b.*$/i, '')
    .replace(/[^\p{L}'\- .]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function isDrugLine(text: string): boolean {
  if (SIG_VERB.test(text)) return false;
  const st = readStrength(repairNumbers(text));
  if (st === null) return false;
  // a name must come before the strength
  return /\p{L}{3,}/u.test(text.slice(0, st.start));
}

export function extractFields(ocrLines: readonly OcrLine[]): Extracted {
  const x: Extracted = { convention: 'unknown', patientName: null, birthDate: null, prescriberName: null, npi: null, dea: null, writtenDate: null, items: [] };
  let item: ExtractedItem | null = null;
  let lastWasSig = false;
  let stopped = false;
  let ukHints = 0;
  let usHints = 0;
  for (const ol of ocrLines) {
    const line = toLine(ol);
    if (line.text.trim() === '') continue;
    if (/\b(?:surgery|medical\s+centre|health\s+centre|NHS)\b/i.test(line.text)) ukHints++;
    const segs = segments(line.text);
    const labelled = segs.some((s) => s.label !== null);
    if (!labelled && !stopped && isDrugLine(line.text)) {
      const drug = evidence(line, 0, line.text.length);
      if (drug !== null) {
        item = { drug, quantity: null, refills: null, sig: null };
        x.items.push(item);
      }
      lastWasSig = false;
      continue;
    }
    if (!labelled) {
      const m = PRESCRIBER_LINE.exec(line.text);
      if (m !== null && x.prescriberName === null) {
        x.prescriberName = evidence(line, 0, m[0].length, cleanPerson(m[1] as string));
      } else if (item !== null && !stopped && item.sig === null && SIG_VERB.test(line.text)) {
        item.sig = evidence(line, 0, line.text.length);
        lastWasSig = true;
        continue;
      } else if (item !== null && lastWasSig && item.sig !== null && /^\s*\p{Ll}/u.test(line.text)) {
        const more = evidence(line, 0, line.text.length);
        if (more !== null) item.sig = { text: `${item.sig.text} ${more.text}`, confidence: Math.min(item.sig.confidence, more.confidence), box: item.sig.box };
        continue;
      }
      lastWasSig = false;
      continue;
    }
    lastWasSig = false;
    for (const seg of segs) {
      if (seg.label === null) continue;
      const ev = evidence(line, seg.start, seg.end);
      switch (seg.label) {
        case 'patient':
          if (x.patientName === null && ev !== null) x.patientName = { ...ev, text: cleanPerson(ev.text) };
          break;
        case 'dob':
          if (x.birthDate === null) x.birthDate = ev;
          break;
        case 'date':
          if (x.writtenDate === null) x.writtenDate = ev;
          break;
        case 'npi':
          usHints++;
          if (x.npi === null && ev !== null) x.npi = { ...ev, text: repairNumbers(ev.text).replace(/[^0-9]/g, '') };
          break;
        case 'dea':
          usHints++;
          if (x.dea === null && ev !== null) {
            const t = ev.text.replace(/\s/g, '');
            x.dea = { ...ev, text: t.slice(0, 2).toUpperCase().replace(/0/g, 'O') + repairNumbers(t.slice(2)) };
          }
          break;
        case 'prescriber':
          stopped = true;
          if (ev !== null) x.prescriberName = { ...ev, text: cleanPerson(ev.text) };
          break;
        case 'qty':
          if (/supply/i.test(line.text)) ukHints++;
          if (item !== null && item.quantity === null) item.quantity = ev;
          break;
        case 'refills':
          usHints++;
          if (item !== null && item.refills === null) item.refills = ev;
          break;
        case 'sig':
          if (item !== null && item.sig === null && ev !== null) {
            item.sig = ev;
            lastWasSig = true;
          }
          break;
        case 'signature':
          stopped = true;
          break;
        case 'gmc':
          ukHints++;
          stopped = true;
          break;
      }
    }
  }
  x.convention = usHints > ukHints ? 'us' : ukHints > usHints ? 'uk' : 'unknown';
  return x;
}
