import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { kids, structElements } from '../../../../src/pdf/post/elements.ts';

describe('structElements', () => {
  it('finds no elements in an untagged document', async () => {
    const doc = await PDFDocument.create();
    expect(structElements(doc)).toEqual([]);
  });
});

describe('kids', () => {
  it('gives no kids for an element without K', async () => {
    const doc = await PDFDocument.create();
    expect(kids(doc, doc.context.obj({ Type: 'StructElem', S: 'P' }))).toEqual([]);
  });
});
