import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from './contract.js';
import { knowledgeBaseSchema } from './contract.js';
import { builtInKnowledgeBase } from './data/built-in.js';
import { compileKnowledgeBase } from './knowledge-base.js';

const compiled = compileKnowledgeBase(builtInKnowledgeBase);

function withChange(change: (kb: KnowledgeBase) => void): KnowledgeBase {
  const copy = structuredClone(builtInKnowledgeBase);
  change(copy);
  return copy;
}

function issuesOf(kb: KnowledgeBase): string[] {
  const result = compileKnowledgeBase(kb);
  return result.ok ? [] : result.error.details.issues.map((i) => `${i.section}[${i.index}]: ${i.message}`);
}

describe('built-in knowledge base', () => {
  it('is a valid document that compiles without warnings', () => {
    expect(knowledgeBaseSchema.safeParse(builtInKnowledgeBase).success).toBe(true);
    expect(compiled.ok).toBe(true);
    if (compiled.ok) expect(compiled.value.warnings).toEqual([]);
  });

  it('has at least 60 interaction rules and 300 indexed ingredients', () => {
    expect(builtInKnowledgeBase.interactions.length).toBeGreaterThanOrEqual(60);
    expect(builtInKnowledgeBase.ingredients.length).toBeGreaterThanOrEqual(300);
    expect(builtInKnowledgeBase.doseLimits.length).toBeGreaterThanOrEqual(60);
  });

  it('gives every rule a severity, mechanism, effect, advice and at least one reference', () => {
    for (const rule of [...builtInKnowledgeBase.interactions]) {
      expect(rule.references.length, rule.id).toBeGreaterThan(0);
      expect(rule.mechanism.length, rule.id).toBeGreaterThan(5);
      expect(rule.effect.length, rule.id).toBeGreaterThan(5);
      expect(rule.management.length, rule.id).toBeGreaterThan(5);
    }
    for (const rule of builtInKnowledgeBase.allergyRules) expect(rule.references.length, rule.id).toBeGreaterThan(0);
    for (const limit of builtInKnowledgeBase.doseLimits) expect(limit.references.length, limit.ingredient).toBeGreaterThan(0);
  });

  it('cites no source whose data may not be used', () => {
    const text = JSON.stringify(builtInKnowledgeBase).toLowerCase();
    for (const banned of ['drugbank', 'ddinter', 'crediblemeds', 'crediblemeds.org', 'atc/ddd', 'whocc']) expect(text).not.toContain(banned);
  });

  it('has no dead rule: every rule side matches at least one indexed ingredient', () => {
    if (!compiled.ok) throw new Error('built-in knowledge base does not compile');
    const kb = compiled.value;
    const memberKeys = new Set<string>();
    for (const [name, classes] of kb.ingredientClasses) {
      memberKeys.add(`i:${name.replace(/[^a-z0-9]/g, '')}`);
      for (const c of classes) memberKeys.add(`c:${c}`);
    }
    for (const rule of kb.rules) {
      for (const side of rule.sides) expect([...side].some((k) => memberKeys.has(k)), rule.id).toBe(true);
    }
  });

  it('has no empty class: every class has at least one ingredient', () => {
    if (!compiled.ok) throw new Error('built-in knowledge base does not compile');
    const used = new Set<string>();
    for (const classes of compiled.value.ingredientClasses.values()) for (const c of classes) used.add(c);
    const empty = builtInKnowledgeBase.classes.map((c) => c.id).filter((id) => !used.has(id));
    expect(empty).toEqual([]);
  });
});

describe('compileKnowledgeBase refuses an inconsistent knowledge base', () => {
  it('reports an ingredient with an unknown class', () => {
    const issues = issuesOf(withChange((kb) => kb.ingredients.push({ name: 'newdrug', classes: ['no-such-class'] })));
    expect(issues.join('\n')).toContain('unknown class "no-such-class"');
  });

  it('reports a rule naming an unknown class and a supersedes pointing nowhere', () => {
    const issues = issuesOf(
      withChange((kb) => {
        const first = kb.interactions[0];
        if (first === undefined) return;
        kb.interactions.push({ ...first, id: 'extra-rule', a: ['class:nope'], supersedes: ['missing-rule'] });
      }),
    );
    expect(issues.join('\n')).toContain('unknown class "nope"');
    expect(issues.join('\n')).toContain('supersedes unknown rule "missing-rule"');
  });

  it('reports duplicate rule ids, name clashes, class cycles and dose limits for unknown ingredients', () => {
    const issues = issuesOf(
      withChange((kb) => {
        const first = kb.interactions[0];
        if (first !== undefined) kb.interactions.push({ ...first });
        kb.ingredients.push({ name: 'acetaminophen', classes: [] });
        kb.classes.push({ id: 'loop-a', name: 'A', parents: ['loop-b'] }, { id: 'loop-b', name: 'B', parents: ['loop-a'] });
        kb.doseLimits.push({ ingredient: 'unobtainium', route: 'oral', maxDailyDose: { value: 1, unit: 'mg' }, adjustFor: [], references: [{ kind: 'label', citation: 'some label 4.2' }] });
      }),
    ).join('\n');
    expect(issues).toContain('duplicate rule id');
    expect(issues).toContain('already belongs to ingredient "paracetamol"');
    expect(issues).toContain('cycle');
    expect(issues).toContain('unknown ingredient "unobtainium"');
  });

  it('rejects a document that fails the schema, naming the path', () => {
    const result = compileKnowledgeBase({ ...builtInKnowledgeBase, interactions: [{ id: 'Bad Id' }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.details.issues[0]?.section).toBe('interactions');
  });
});
