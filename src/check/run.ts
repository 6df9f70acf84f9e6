/**
 * The runner: builds the model of a document once, hands each object to the rules for its type,
 * and collects the failures in report order (rule, then page, then structure path).
 */
import type { PDFDocument } from 'pdf-lib';
import { buildModel, type CheckModel, type ModelObjects } from './model.ts';
import type { ObjectType, Rule, Where } from './rule.ts';
import { ALL_RULES } from './rules/index.ts';

export interface CheckFailure {
  /** veraPDF PDF/UA-1 rule id, e.g. "7.1-3", or a folio navigation rule id, e.g. "folio-outline-1". */
  rule: string;
  /** ISO 14289-1 clause, e.g. "7.1", or "folio" for folio's own rules. */
  clause: string;
  /** What is wrong, for a person. */
  message: string;
  /** 1-based page number, when it is about a page. */
  page?: number;
  /** e.g. "12 0 R". */
  object?: string;
  /** Structure path, e.g. "Document/Sect[2]/L[1]/LI[3]". */
  path?: string;
}

export function runRules(doc: PDFDocument, bytes?: Uint8Array, rules: readonly Rule[] = ALL_RULES): { failures: CheckFailure[]; pages: number } {
  const model = buildModel(doc, bytes);
  const failures: CheckFailure[] = [];
  for (const r of rules) {
    for (const o of objectsFor(model, r)) {
      const message = r.test(o, model);
      if (message !== undefined) failures.push(failure(r, message, o.where));
    }
  }
  const order = new Map(rules.map((r, i) => [r.id, i]));
  failures.sort(
    (a, b) => order.get(a.rule)! - order.get(b.rule)! || (a.page ?? 0) - (b.page ?? 0) || (a.path ?? '').localeCompare(b.path ?? ''),
  );
  return { failures, pages: model.pageCount };
}

function objectsFor(model: CheckModel, r: Rule): readonly ModelObjects[ObjectType][] {
  if (r.structType === undefined) return model.objects[r.object];
  const types = typeof r.structType === 'string' ? [r.structType] : r.structType;
  return types.flatMap((t) => model.byType.get(t) ?? []).sort((a, b) => a.e.order - b.e.order);
}

function failure(r: Rule, message: string, where: Where): CheckFailure {
  const f: CheckFailure = { rule: r.id, clause: r.clause, message };
  if (where.page !== undefined) f.page = where.page;
  if (where.object !== undefined) f.object = where.object;
  if (where.path !== undefined) f.path = where.path;
  return f;
}
