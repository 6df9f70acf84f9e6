import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { ALL_RULES } from '../../../../src/check/rules/index.ts';
import { buildModel } from '../../../../src/check/model.ts';
import { PDF17_STANDARD_TYPES } from '../../../../src/pdf/struct-tree.ts';
import { makeTaggedPdf } from '../../../pdf-fixtures.ts';

// The order ISO 14289-1 takes its clauses in; folio's own rules come last.
const CLAUSE_ORDER = ['5', '6.1', '6.2', '7.1', '7.2', '7.3', '7.4.2', '7.4.4', '7.5', '7.7', '7.9', '7.10', '7.11', '7.15', '7.16', '7.18.1', '7.18.2', '7.18.3', '7.18.4', '7.18.5', '7.18.6.2', '7.18.8', '7.20', '7.21.3.1', '7.21.3.2', '7.21.3.3', '7.21.4.1', '7.21.4.2', '7.21.5', '7.21.6', '7.21.7', '7.21.8', 'folio'];

describe('the rules folio checks', () => {
  it('each has its own id, in veraPDF\'s form (clause-test) or folio\'s (folio-topic-n), and the clause its id names', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ALL_RULES) {
      expect(r.id).toMatch(/^(\d+(\.\d+)*-\d+|folio-[a-z]+-\d+)$/);
      expect(r.clause).toBe(r.id.startsWith('folio-') ? 'folio' : r.id.replace(/-\d+$/, ''));
    }
  });

  it('come in report order: clause by clause as ISO 14289-1 takes them, then folio\'s own', () => {
    const clauses = [...new Set(ALL_RULES.map((r) => r.clause))];
    expect(clauses).toEqual(CLAUSE_ORDER);
  });

  it('each says what it requires, in a sentence', () => {
    for (const r of ALL_RULES) expect(r.description, r.id).toMatch(/^\S.{8,}[.)]$/);
  });

  it('each is about a kind of object the model lists; one by structure type is about structure elements of standard types', async () => {
    const model = buildModel(await PDFDocument.load(await makeTaggedPdf()));
    const kinds = Object.keys(model.objects);
    for (const r of ALL_RULES) {
      expect(kinds, r.id).toContain(r.object);
      if (r.structType === undefined) continue;
      expect(r.object, r.id).toBe('StructElem');
      const types = typeof r.structType === 'string' ? [r.structType] : [...r.structType];
      expect(types.length, r.id).toBeGreaterThan(0);
      for (const t of types) expect(PDF17_STANDARD_TYPES.has(t), `${r.id}: ${t}`).toBe(true);
    }
  });
});
