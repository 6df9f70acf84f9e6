/** The fonts text is shown in: their names, types, and whether the file carries their programs. */
import { PDFDict, PDFName, PDFStream, type PDFContext } from 'pdf-lib';
import { get, getDict, getName, items, refKey } from '../../pdf/cos.ts';
import type { FontState } from '../../pdf/interpret.ts';
import type { FontFacts } from '../facts.ts';

/** A font text is shown in (collected by the content reader). */
export interface FontUse {
  /** The text state's font when the font was first used: its dictionary, reference and resource name. */
  font: FontState;
  page: number;
  /** Shown at least once with a visible rendering mode. */
  rendered: boolean;
}

const FONT_FILES = ['FontFile', 'FontFile2', 'FontFile3'];

export function describeFonts(ctx: PDFContext, uses: FontUse[]): FontFacts[] {
  return uses.map((use) => describeFont(ctx, use));
}

function describeFont(ctx: PDFContext, use: FontUse): FontFacts {
  const f = use.font.dict;
  const sub = getName(ctx, f, 'Subtype') ?? '?';
  const descendant = sub === 'Type0' ? items(ctx, f.get(PDFName.of('DescendantFonts')))[0] : undefined;
  const desc = descendant instanceof PDFDict ? descendant : undefined;
  const type = sub === 'Type0' ? `Type0/${getName(ctx, desc, 'Subtype') ?? '?'}` : sub;
  const name = getName(ctx, f, 'BaseFont') ?? getName(ctx, f, 'Name') ?? use.font.name;
  // A Type3 font's glyphs are content streams in the file itself.
  let embedded = true;
  if (sub !== 'Type3') {
    const fd = getDict(ctx, sub === 'Type0' ? desc : f, 'FontDescriptor');
    embedded = !!fd && FONT_FILES.some((k) => get(ctx, fd, k) instanceof PDFStream);
  }
  const facts: FontFacts = { name, embedded, subset: /^[A-Z]{6}\+/.test(name), type, resourceName: use.font.name, page: use.page, rendered: use.rendered };
  if (use.font.ref) facts.object = refKey(use.font.ref);
  return facts;
}
