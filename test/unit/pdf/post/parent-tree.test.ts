import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDocument, PDFName, PDFNull, PDFNumber, PDFString } from 'pdf-lib';
import { nextMcid, pageParents, setParent } from '../../../../src/pdf/post/parent-tree.ts';

/** A document with one page and a parent tree; `tree` makes its entries, `page` its /StructParents. */
async function withParentTree(tree: (doc: PDFDocument) => [number, PDFArray | PDFString][], structParents?: number) {
  const doc = await PDFDocument.create();
  const page = doc.addPage([100, 100]).node;
  const ctx = doc.context;
  const nums = tree(doc).flatMap(([k, v]) => [PDFNumber.of(k), v instanceof PDFArray ? ctx.register(v) : v]);
  doc.catalog.set(PDFName.of('StructTreeRoot'), ctx.register(ctx.obj({ Type: 'StructTreeRoot', ParentTree: ctx.obj({ Nums: ctx.obj(nums) }) })));
  if (structParents !== undefined) page.set(PDFName.of('StructParents'), PDFNumber.of(structParents));
  return { doc, page };
}

const names = (a: PDFArray | undefined) => a?.asArray().map((o) => (o === PDFNull ? null : String(o)));

describe('the parent tree', () => {
  it('gives a page the array under its /StructParents key', async () => {
    const { doc, page } = await withParentTree((d) => [[0, d.context.obj(['A'])], [4, d.context.obj(['B', 'C'])]], 4);
    expect(names(pageParents(doc, page))).toEqual(['/B', '/C']);
  });

  it('gives nothing for a page without /StructParents, a key the tree lacks, an entry that is no array, or no structure tree', async () => {
    const tree = (d: PDFDocument): [number, PDFArray | PDFString][] => [[0, d.context.obj(['A'])], [1, PDFString.of('not an array')]];
    const none = await withParentTree(tree);
    expect(pageParents(none.doc, none.page)).toBeUndefined();
    const missing = await withParentTree(tree, 7);
    expect(pageParents(missing.doc, missing.page)).toBeUndefined();
    const notArray = await withParentTree(tree, 1);
    expect(pageParents(notArray.doc, notArray.page)).toBeUndefined();
    const bare = await PDFDocument.create();
    const page = bare.addPage([100, 100]).node;
    page.set(PDFName.of('StructParents'), PDFNumber.of(0));
    expect(pageParents(bare, page)).toBeUndefined();
  });

  it('sets an MCID\'s owner, growing the array with nulls', async () => {
    const doc = await PDFDocument.create();
    const parents = doc.context.obj(['A']);
    setParent(parents, 3, PDFName.of('D'));
    expect(names(parents)).toEqual(['/A', null, null, '/D']);
    setParent(parents, 0, PDFName.of('Z'));
    expect(names(parents)).toEqual(['/Z', null, null, '/D']);
    setParent(parents, 4, PDFNull);
    expect(names(parents)).toEqual(['/Z', null, null, '/D', null]);
  });

  it('gives the next free MCID after the array\'s entries and any MCIDs already used', async () => {
    const doc = await PDFDocument.create();
    expect(nextMcid(undefined)).toBe(0);
    expect(nextMcid(doc.context.obj(['A', 'B']))).toBe(2);
    expect(nextMcid(doc.context.obj(['A', 'B']), [0, 5, 3])).toBe(6);
    expect(nextMcid(doc.context.obj(['A', 'B', 'C']), [1])).toBe(3);
    expect(nextMcid(undefined, [])).toBe(0);
  });
});
