import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from './contract.js';
import { createClinicalChecker } from './checker.js';
import { builtInKnowledgeBase } from './data/built-in.js';
import type { ImportResult } from './importer.js';
import { importKnowledgeBase, parseReferenceCell } from './importer.js';

const source = { name: 'Licensed KB (test)', licence: 'test licence', version: '1' };
const header = 'id,a,b,severity,mechanism,effect,management,references,supersedes';

function checkerFrom(result: ImportResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const created = createClinicalChecker(result.value.knowledgeBase);
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  return created.value;
}

function rowErrors(result: ImportResult): Array<[number | null, string]> {
  if (result.ok) throw new Error('expected the import to fail');
  return result.error.details.rows.map((r) => [r.row, r.reason]);
}

describe('importKnowledgeBase: interactions CSV', () => {
  it('merges new rules with the built-in ones and the checker uses them', () => {
    const csv = [
      header,
      'grapefruit-felodipine,felodipine,"class:cyp3a4-strong-inhibitor | grapefruit",major,"CYP3A4, gut wall","Hypotension, ""flushing""","Avoid","label: Felodipine SmPC 4.5 | Some other reference text",',
    ].join('\n');
    const result = importKnowledgeBase({ format: 'interactions-csv', text: csv }, { mode: 'merge', source });
    expect(result.ok && result.value.imported.interactions).toBe(1);
    expect(result.ok && result.value.warnings).toEqual([
      { section: 'interactions', row: 2, line: 2, reason: 'rule "grapefruit-felodipine" names "grapefruit", which is not in the ingredient index' },
    ]);
    const checker = checkerFrom(result);
    const found = checker.checkInteractions(['felodipine', 'grapefruit']);
    expect(found).toEqual([
      {
        drugs: ['felodipine', 'grapefruit'],
        severity: 'major',
        mechanism: 'CYP3A4, gut wall',
        effect: 'Hypotension, "flushing"',
        management: 'Avoid',
        references: [
          { kind: 'label', citation: 'Felodipine SmPC 4.5' },
          { kind: 'other', citation: 'Some other reference text' },
        ],
        ruleId: 'grapefruit-felodipine',
      },
    ]);
    expect(checker.checkInteractions(['warfarin', 'ibuprofen'])[0]?.ruleId).toBe('anticoagulant-nsaid');
    expect(checker.source.name).toBe('Mortar built-in clinical knowledge base + Licensed KB (test)');
  });

  it('accepts the example in the README', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const example = /```csv\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const checker = checkerFrom(importKnowledgeBase({ format: 'interactions-csv', text: example }, { mode: 'replace', source }));
    expect(checker.checkInteractions(['ibuprofen', 'warfarin'])).toMatchObject([{ ruleId: 'vendor-warfarin-nsaid', drugs: ['warfarin', 'ibuprofen'] }]);
  });

  it('replaces a built-in rule with the same id when merging', () => {
    const csv = `${header}\nclopidogrel-omeprazole,clopidogrel,omeprazole,major,m,e,a,label: Vendor monograph 12,`;
    const checker = checkerFrom(importKnowledgeBase({ format: 'interactions-csv', text: csv }, { mode: 'merge', source }));
    expect(checker.checkInteractions(['clopidogrel', 'omeprazole']).map((i) => [i.severity, i.ruleId])).toEqual([['major', 'clopidogrel-omeprazole']]);
  });

  it('replaces all built-in interaction rules in replace mode, keeping the class index', () => {
    const csv = `${header}\nvendor-1,class:nsaid,class:ace-inhibitor,minor,m,e,a,label: Vendor monograph 1,`;
    const checker = checkerFrom(importKnowledgeBase({ format: 'interactions-csv', text: csv }, { mode: 'replace', source }));
    expect(checker.checkInteractions(['warfarin', 'ibuprofen'])).toEqual([]);
    expect(checker.checkInteractions(['ibuprofen', 'ramipril'])[0]?.ruleId).toBe('vendor-1');
  });

  it('maps a vendor severity vocabulary', () => {
    const csv = `${header}\nvendor-2,sertraline,paracetamol,Severe,m,e,a,label: Vendor monograph 2,`;
    const result = importKnowledgeBase({ format: 'interactions-csv', text: csv }, { mode: 'merge', source, severityMap: { severe: 'major' } });
    expect(checkerFrom(result).checkInteractions(['sertraline', 'paracetamol'])[0]?.severity).toBe('major');
  });

  it('rejects malformed rows with their row numbers and reasons, importing nothing', () => {
    const csv = [
      header,
      'good-rule,sertraline,paracetamol,minor,m,e,a,label: Vendor monograph 3,',
      'bad-severity,sertraline,paracetamol,catastrophic,m,e,a,label: Vendor monograph 4,',
      'no-reference,sertraline,paracetamol,minor,m,e,a,,',
      'too,few,columns',
      'bad-class,class:not-a-class,paracetamol,minor,m,e,a,label: Vendor monograph 5,',
      'good-rule,sertraline,ibuprofen,minor,m,e,a,label: Vendor monograph 6,',
    ].join('\n');
    const result = importKnowledgeBase({ format: 'interactions-csv', text: csv }, { mode: 'merge', source });
    expect(!result.ok && result.error.code).toBe('clinical.import.invalidRows');
    const errors = rowErrors(result);
    expect(errors.map(([row]) => row)).toEqual([3, 4, 5, 6, 7]);
    expect(errors[0]?.[1]).toContain('severity');
    expect(errors[1]?.[1]).toContain('references');
    expect(errors[2]?.[1]).toBe('expected 9 columns, found 3');
    expect(errors[3]?.[1]).toBe('rule "bad-class" names unknown class "not-a-class"');
    expect(errors[4]?.[1]).toBe('duplicate rule id "good-rule"');
  });

  it('reports cross-row problems (unknown class, duplicate id) with row numbers too', () => {
    const csv = [
      header,
      'bad-class,class:not-a-class,paracetamol,minor,m,e,a,label: Vendor monograph 5,',
      'twice,sertraline,ibuprofen,minor,m,e,a,label: Vendor monograph 6,',
      'twice,sertraline,naproxen,minor,m,e,a,label: Vendor monograph 7,',
      'dangling,sertraline,naproxen,minor,m,e,a,label: Vendor monograph 8,no-such-rule',
    ].join('\n');
    const errors = rowErrors(importKnowledgeBase({ format: 'interactions-csv', text: csv }, { mode: 'merge', source }));
    expect(errors).toEqual([
      [2, 'rule "bad-class" names unknown class "not-a-class"'],
      [4, 'duplicate rule id "twice"'],
      [5, 'rule "dangling" supersedes unknown rule "no-such-rule"'],
    ]);
  });

  it('can skip bad rows instead, importing the good ones and listing the rejected', () => {
    const csv = [
      header,
      'good-rule,sertraline,paracetamol,minor,m,e,a,label: Vendor monograph 3,',
      'bad-severity,sertraline,paracetamol,catastrophic,m,e,a,label: Vendor monograph 4,',
      'bad-class,class:not-a-class,paracetamol,minor,m,e,a,label: Vendor monograph 5,',
    ].join('\n');
    const result = importKnowledgeBase({ format: 'interactions-csv', text: csv }, { mode: 'merge', source, onInvalidRow: 'skip-row' });
    expect(result.ok && result.value.rejectedRows.map((r) => r.row)).toEqual([3, 4]);
    expect(result.ok && result.value.imported.interactions).toBe(1);
    expect(checkerFrom(result).checkInteractions(['sertraline', 'paracetamol'])[0]?.ruleId).toBe('good-rule');
  });

  it('refuses files it cannot read at all', () => {
    const noSource = importKnowledgeBase({ format: 'interactions-csv', text: header }, { mode: 'merge' });
    expect(!noSource.ok && noSource.error.code).toBe('clinical.import.badFile');
    const missing = importKnowledgeBase({ format: 'interactions-csv', text: 'id,a,b\nx,y,z' }, { mode: 'merge', source });
    expect(!missing.ok && missing.error.message).toContain('severity, mechanism, effect, management, references');
    const broken = importKnowledgeBase({ format: 'interactions-csv', text: `${header}\n"open` }, { mode: 'merge', source });
    expect(!broken.ok && broken.error.message).toContain('line 2');
  });
});

describe('importKnowledgeBase: ingredients CSV', () => {
  it('adds an ingredient whose classes make existing class rules apply to it', () => {
    const csv = 'name,synonyms,classes\nnewprofen,newprofen sodium | brandprofen,nsaid-nonselective';
    const checker = checkerFrom(importKnowledgeBase({ format: 'ingredients-csv', text: csv }, { mode: 'merge', source }));
    expect(checker.checkInteractions(['brandprofen', 'warfarin'])[0]?.ruleId).toBe('anticoagulant-nsaid');
    expect(checker.checkAllergies(['newprofen'], ['aspirin'])[0]?.severity).toBe('major');
  });

  it('rejects unknown classes and names that already belong to another ingredient', () => {
    const csv = 'name,synonyms,classes\nnewdrug,,not-a-class\notherdrug,acetaminophen,';
    const errors = rowErrors(importKnowledgeBase({ format: 'ingredients-csv', text: csv }, { mode: 'merge', source }));
    expect(errors).toEqual([
      [2, 'ingredient "newdrug" has unknown class "not-a-class"'],
      [3, 'name "acetaminophen" already belongs to ingredient "paracetamol"'],
    ]);
  });
});

describe('importKnowledgeBase: JSON document', () => {
  it('round-trips the built-in knowledge base in replace mode', () => {
    const result = importKnowledgeBase({ format: 'json', text: JSON.stringify(builtInKnowledgeBase) }, { mode: 'replace' });
    expect(result.ok && result.value.knowledgeBase).toEqual(builtInKnowledgeBase);
  });

  it('imports a partial document and reports bad array entries by 1-based row', () => {
    const doc = {
      format: 'mortar-clinical-kb',
      version: 1,
      source,
      interactions: [
        { id: 'ok-rule', a: ['sertraline'], b: ['paracetamol'], severity: 'minor', mechanism: 'm', effect: 'e', management: 'a', references: [{ kind: 'label', citation: 'Vendor monograph 9' }] },
        { id: 'bad-rule', a: [], b: ['paracetamol'], severity: 'minor', mechanism: 'm', effect: 'e', management: 'a', references: [] },
      ],
    };
    const errors = rowErrors(importKnowledgeBase({ format: 'json', text: JSON.stringify(doc) }, { mode: 'merge' }));
    expect(errors.map(([row]) => row)).toEqual([2]);
    expect(errors[0]?.[1]).toContain('a:');
    expect(errors[0]?.[1]).toContain('references:');
  });

  it('refuses invalid JSON and foreign documents', () => {
    const invalid = importKnowledgeBase({ format: 'json', text: '{nope' }, { mode: 'merge' });
    expect(!invalid.ok && invalid.error.code).toBe('clinical.import.badFile');
    const foreign = importKnowledgeBase({ format: 'json', text: JSON.stringify({ format: 'other', version: 1 }) }, { mode: 'merge' });
    expect(!foreign.ok && foreign.error.message).toContain('not a Mortar clinical knowledge base');
  });

  it('refuses a replacement that would leave the kept data inconsistent', () => {
    const doc: Partial<KnowledgeBase> = { format: 'mortar-clinical-kb', version: 1, source, classes: [{ id: 'only-class', name: 'Only' }] };
    const result = importKnowledgeBase({ format: 'json', text: JSON.stringify(doc) }, { mode: 'replace' });
    expect(!result.ok && result.error.code).toBe('clinical.import.conflictsWithBase');
  });
});

describe('parseReferenceCell', () => {
  it('reads a kind prefix when it is a known kind and keeps other colons in the citation', () => {
    expect(parseReferenceCell('regulatory: FDA DSC: statins (2012)')).toEqual({ kind: 'regulatory', citation: 'FDA DSC: statins (2012)' });
    expect(parseReferenceCell('Vendor: monograph 7')).toEqual({ kind: 'other', citation: 'Vendor: monograph 7' });
  });
});
