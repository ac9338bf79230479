// The built-in knowledge base, assembled from the data files beside this one. It is written for Mortar from
// pharmacological facts and cites a published source for every rule; it contains no DrugBank, DDInter,
// ATC/DDD or CredibleMeds data. A pharmacy may merge or replace it with a licensed knowledge base (importer.ts).
import type { KnowledgeBase } from '../contract.js';
import { allergyRules } from './allergy-rules.js';
import { classes } from './classes.js';
import { doseLimits } from './dose-limits.js';
import { cardiometabolicIngredients } from './ingredients-cardiometabolic.js';
import { cnsIngredients } from './ingredients-cns.js';
import { combinations, otherIngredients } from './ingredients-other.js';
import { cardioRules } from './rules-cardio.js';
import { cnsQtRules } from './rules-cns-qt.js';
import { cypRules } from './rules-cyp.js';
import { otherRules } from './rules-other.js';

export const builtInKnowledgeBase: KnowledgeBase = {
  format: 'mortar-clinical-kb',
  version: 1,
  source: { name: 'Mortar built-in clinical knowledge base', licence: 'AGPL-3.0-only (Mortar project)', version: '2025.1' },
  classes,
  ingredients: [...cnsIngredients, ...cardiometabolicIngredients, ...otherIngredients],
  combinations,
  interactions: [...cnsQtRules, ...cypRules, ...cardioRules, ...otherRules],
  allergyRules,
  doseLimits,
};
