import { deflateSync } from 'node:zlib';
import { PDFDict, PDFName, PDFRef, type PDFDocument } from 'pdf-lib';
import { pageContent, setPageContent } from '../objects.ts';
import { applyEdits } from '../content-stream.ts';
import type { ContentFont } from '../content-font.ts';
import { readPage, type MarkedSequence, type PageContent } from '../page-content.ts';
import { toUnicodeCMap } from '../to-unicode.ts';

/**
 * A ToUnicode map holds one text per glyph. When a font draws two characters with one glyph (Inter
 * draws ’ U+2019 and ʼ U+02BC with `quoteright`), Chromium maps the glyph to one of them and wraps
 * each use of the other in a `/Span <</ActualText …>>` sequence. pdf.js (Firefox) ignores
 * ActualText, and Ghostscript drops it, so both read the wrong character. When every use of a
 * glyph in the document carries the same ActualText, that text becomes the glyph's mapping and the
 * spans, now saying what the map says, are removed. Returns the glyphs remapped and spans removed.
 */
export function mapActualTextToUnicode(doc: PDFDocument): { glyphs: number; spans: number } {
  const pages = doc.getPages().map((page) => ({ page, content: readPage(doc, page.node, pageContent(doc, page.node)) }));
  const remap = glyphsToRemap(pages.map((p) => p.content));
  let glyphs = 0;
  for (const [font, codes] of remap) {
    const map = new Map(font.unicode);
    for (const [code, text] of codes) map.set(code, text);
    setToUnicode(doc, font.dict, map, font.bytes);
    font.unicode = map;
    glyphs += codes.size;
  }
  let spans = 0;
  for (const { page, content } of pages) {
    const edits = redundantActualText(content).flatMap((seq) => [
      { start: seq.begin.start, end: seq.begin.end, text: '' },
      { start: seq.end!.start, end: seq.end!.end, text: '' },
    ]);
    if (edits.length === 0) continue;
    setPageContent(doc, page.node, applyEdits(content.source, edits), { compress: false });
    spans += edits.length / 2;
  }
  return { glyphs, spans };
}

/**
 * Font → code → text, for each glyph that is only ever drawn inside ActualText spans that all say
 * the same thing about it (a span holding just that glyph); a glyph also drawn bare keeps its map.
 */
function glyphsToRemap(pages: PageContent[]): Map<ContentFont, Map<number, string>> {
  const said = new Map<PDFDict, Map<number, Set<string>>>();
  const bare = new Map<PDFDict, Set<number>>();
  const byDict = new Map<PDFDict, ContentFont>();
  for (const content of pages) {
    for (const shown of content.shown) {
      byDict.set(shown.font.dict, shown.font);
      const span = actualTextOf(shown.marked);
      const single = span && glyphCount(content, span) === 1;
      for (const code of shown.codes) {
        if (single) {
          const texts = said.get(shown.font.dict) ?? new Map<number, Set<string>>();
          said.set(shown.font.dict, texts);
          texts.set(code, (texts.get(code) ?? new Set()).add(span.actualText!));
        } else if (!span) {
          bare.set(shown.font.dict, (bare.get(shown.font.dict) ?? new Set()).add(code));
        }
      }
    }
  }
  const out = new Map<ContentFont, Map<number, string>>();
  for (const [dict, texts] of said) {
    const font = byDict.get(dict)!;
    for (const [code, options] of texts) {
      const text = [...options][0]!;
      if (options.size !== 1 || bare.get(dict)?.has(code) || font.unicode.get(code) === text) continue;
      out.set(font, (out.get(font) ?? new Map()).set(code, text));
    }
  }
  return out;
}

function actualTextOf(marked: MarkedSequence | undefined): MarkedSequence | undefined {
  for (let m = marked; m; m = m.parent) if (m.actualText !== undefined) return m;
  return undefined;
}

function glyphCount(content: PageContent, seq: MarkedSequence): number {
  return content.shown.filter((s) => actualTextOf(s.marked) === seq).reduce((n, s) => n + s.codes.length, 0);
}

/** ActualText spans (no MCID, nothing else to say) whose glyphs' mapping now reads the same, or that draw nothing. */
function redundantActualText(content: PageContent): MarkedSequence[] {
  return content.sequences.filter((seq) => {
    // Properties that hold an ActualText string and nothing else (no MCID): operands come trimmed.
    if (!seq.end || !/^\/\w+\s*<<\s*\/ActualText\s*(<[^>]*>|\((?:\\.|[^\\)])*\))\s*>>$/.test(seq.begin.operands)) return false;
    if (!seq.paints) return true;
    const text = content.shown.filter((s) => actualTextOf(s.marked) === seq).map((s) => s.codes.map((c) => s.font.unicode.get(c) ?? '').join('')).join('');
    return text === seq.actualText;
  });
}

/** Gives a font a new ToUnicode stream (its own: other fonts may share the old one). */
export function setToUnicode(doc: PDFDocument, font: PDFDict, map: Map<number, string>, bytes: 1 | 2 = 2): void {
  const stream = doc.context.stream(deflateSync(Buffer.from(toUnicodeCMap(map, bytes), 'latin1')), { Filter: 'FlateDecode' });
  const old = font.get(PDFName.of('ToUnicode'));
  font.set(PDFName.of('ToUnicode'), doc.context.register(stream));
  // The font itself already holds the new stream: any other holder of the old one is another font.
  const shared = doc.context.enumerateIndirectObjects().some(([, o]) => o instanceof PDFDict && o.get(PDFName.of('ToUnicode')) === old);
  if (old instanceof PDFRef && !shared) doc.context.delete(old);
}
