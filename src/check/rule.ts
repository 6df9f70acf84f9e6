/**
 * A rule in the shape of veraPDF's validation profiles: an id (clause-test, e.g. "7.21.5-1"), the
 * clause, what it requires, the type of object it is about, and a small pure test over that
 * object's properties, which the model (model.ts) computed once. The runner (run.ts) hands each
 * object of the model to the rules for its type.
 */
import type { CheckModel, ModelObjects } from './model.ts';

export type ObjectType = keyof ModelObjects;

/** Where a failure is: a page, an object ("12 0 R"), a structure path. */
export interface Where {
  page?: number;
  object?: string;
  path?: string;
}

export interface Rule<T extends ObjectType = ObjectType> {
  /** veraPDF's PDF/UA-1 rule id ("7.2-34"), or a folio navigation rule ("folio-toc-1"). */
  id: string;
  /** ISO 14289-1 clause ("7.2"), or "folio". */
  clause: string;
  /** What the rule requires. */
  description: string;
  object: T;
  /** For rules about structure elements: the standard type(s) they apply to. */
  structType?: string | readonly string[];
  /** Why the object fails the rule, or nothing when it passes. */
  test(o: ModelObjects[T], m: CheckModel): string | undefined;
}

type RuleSpec<T extends ObjectType> = Omit<Rule<T>, 'clause'>;

/** A rule; its clause comes from its id (everything before the last "-"). */
export function rule<T extends ObjectType>(spec: RuleSpec<T>): Rule<T> {
  const clause = spec.id.startsWith('folio-') ? 'folio' : spec.id.slice(0, spec.id.lastIndexOf('-'));
  return { ...spec, clause } as Rule<T>;
}
