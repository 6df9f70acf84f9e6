/**
 * Page content as the rules need it, from one walk of every page with the content interpreter:
 * per page, how many content items are neither tagged nor artifacts, how many sequences nest
 * wrongly, which text has no determinable language; and the fonts, forms and marked-content
 * /Lang values used, and the text of headings (for the outline check).
 */
import { PDFDict, PDFRawStream, PDFStream, type PDFContext, type PDFRef } from 'pdf-lib';
import { decodeLatin1, get, getName, getNumber, getText, refKey } from '../../pdf/cos.ts';
import { interpretPage, type ContentEvent, type ContentListener, type Frame, type MarkedContent, type ParsedContent, type TextEvent } from '../../pdf/interpret.ts';
import { parseToUnicode } from '../../pdf/to-unicode.ts';
import type { StructElem, StructTree } from '../../pdf/struct-tree.ts';
import type { LangFacts } from '../model.ts';
import type { Where } from '../rule.ts';
import { isHeading } from './structure.ts';

export interface PageContentFacts {
  page: number;
  where: Where;
  /** Content items (text, painted paths, images, shadings) neither tagged nor in an Artifact. */
  untagged: number;
  /** Artifact sequences inside tagged content. */
  artifactInTagged: number;
  /** Tagged sequences (with an MCID the structure tree knows) inside an Artifact. */
  taggedInArtifact: number;
  /** Text items whose language neither their marked content nor their structure element gives. */
  textWithoutOwnLang: number;
  /** Span sequences with ActualText, Alt or E whose language neither they, the sequences around them nor their element give. */
  spanWithoutLang: { ActualText: number; Alt: number; E: number };
}

export interface FontUse {
  dict: PDFDict;
  ref?: PDFRef;
  resourceName: string;
  /** The page it is first used on. */
  page: number;
  /** Used at least once with a text rendering mode other than 3 (invisible). */
  rendered: boolean;
  /** Every string shown in the font (bytes as chars), and whether it was once shown visibly. */
  strings: Map<string, boolean>;
}

export interface FormFacts {
  xobject: PDFStream;
  where: Where;
  /** How often it is painted. */
  count: number;
  /** Its content has marked content with an MCID. */
  hasMcid: boolean;
  /** The form dictionary has /Ref (a reference XObject). */
  hasRef: boolean;
}

interface Sequence {
  artifact: boolean;
  /** The structure element its MCID belongs to, when the parent tree knows it. */
  elem?: StructElem;
  lang?: string;
}

export interface ContentFacts {
  pages: PageContentFacts[];
  fonts: Map<PDFDict, FontUse>;
  forms: FormFacts[];
  langs: LangFacts[];
  headingText: Map<StructElem, string>;
}

export function readContent(ctx: PDFContext, tree: StructTree | null, pages: { node: PDFDict; ref: PDFRef; n: number }[], collectHeadings: boolean): ContentFacts {
  const reader = new ContentReader(ctx, tree, collectHeadings);
  const cache = new Map<PDFStream, ParsedContent>();
  for (const p of pages) reader.page(p.node, p.ref, p.n, cache);
  return {
    pages: reader.pages,
    fonts: reader.fonts,
    forms: [...reader.forms.values()],
    langs: reader.langs,
    headingText: reader.headingText,
  };
}

class ContentReader implements ContentListener {
  readonly pages: PageContentFacts[] = [];
  readonly fonts = new Map<PDFDict, FontUse>();
  readonly forms = new Map<PDFStream, FormFacts>();
  readonly langs: LangFacts[] = [];
  readonly headingText = new Map<StructElem, string>();
  private readonly sequences = new WeakMap<MarkedContent, Sequence>();
  private readonly toUnicode = new Map<PDFDict, { bytes: number; map?: Map<number, string> }>();
  private current!: PageContentFacts;
  private pageLangs = new Set<string>();

  constructor(
    private readonly ctx: PDFContext,
    private readonly tree: StructTree | null,
    private readonly collectHeadings: boolean,
  ) {}

  page(node: PDFDict, ref: PDFRef, n: number, cache: Map<PDFStream, ParsedContent>): void {
    this.current = { page: n, where: { page: n, object: refKey(ref) }, untagged: 0, artifactInTagged: 0, taggedInArtifact: 0, textWithoutOwnLang: 0, spanWithoutLang: { ActualText: 0, Alt: 0, E: 0 } };
    this.pageLangs = new Set();
    interpretPage(this.ctx, node, this, { cache }, ref);
    this.pages.push(this.current);
  }

  beginMarkedContent(mc: MarkedContent, e: ContentEvent): void {
    const seq: Sequence = { artifact: mc.tag === 'Artifact' };
    const lang = getText(this.ctx, mc.properties, 'Lang');
    if (lang !== undefined) {
      seq.lang = lang;
      this.noteLang(lang);
    }
    if (mc.mcid !== undefined) {
      if (mc.frame.stream) {
        const form = this.forms.get(mc.frame.stream);
        if (form) form.hasMcid = true;
      }
      const key = structParentsOf(this.ctx, mc.frame);
      if (this.tree && key !== undefined) seq.elem = this.tree.elemForMcid(key, mc.mcid);
    }
    const outer = e.marked.map((m) => this.sequences.get(m));
    if (seq.artifact && outer.some((s) => s?.elem)) this.current.artifactInTagged++;
    if (seq.elem && outer.some((s) => s?.artifact)) this.current.taggedInArtifact++;
    this.sequences.set(mc, seq);
    if (mc.tag === 'Span') this.spanLanguage(mc, seq, outer);
  }

  /** 7.2-30…32: a Span sequence's ActualText, Alt or E needs a language from it, around it, or its element. */
  private spanLanguage(mc: MarkedContent, seq: Sequence, outer: (Sequence | undefined)[]): void {
    const keys = (['ActualText', 'Alt', 'E'] as const).filter((k) => get(this.ctx, mc.properties, k) !== undefined);
    if (keys.length === 0) return;
    const inner = [seq, ...outer.slice().reverse()];
    const elem = inner.find((s) => s?.elem)?.elem;
    const lang = inner.find((s) => s?.lang !== undefined)?.lang ?? (elem ? this.tree?.inheritedLang(elem) : undefined);
    if (lang === undefined) for (const k of keys) this.current.spanWithoutLang[k]++;
  }

  private noteLang(lang: string): void {
    if (this.pageLangs.has(lang)) return;
    this.pageLangs.add(lang);
    this.langs.push({ value: lang, owner: 'marked-content', page: this.current.page, where: this.current.where });
  }

  form(e: { xobject: PDFStream; ref?: PDFRef }): void {
    const f = this.forms.get(e.xobject);
    if (f) f.count++;
    else {
      const where = { page: this.current.page, ...(e.ref ? { object: refKey(e.ref) } : {}) };
      this.forms.set(e.xobject, { xobject: e.xobject, where, count: 1, hasMcid: false, hasRef: get(this.ctx, e.xobject.dict, 'Ref') !== undefined });
    }
  }

  path(e: ContentEvent & { fill: boolean; stroke: boolean }): void {
    if (e.fill || e.stroke) this.item(e);
  }

  image(e: ContentEvent): void {
    this.item(e);
  }

  shading(e: ContentEvent): void {
    this.item(e);
  }

  text(e: TextEvent): void {
    const { elem, lang } = this.item(e);
    const font = e.gs.font;
    if (font) {
      const rendered = e.gs.textRenderingMode !== 3;
      let use = this.fonts.get(font.dict);
      if (!use) {
        use = { dict: font.dict, ref: font.ref, resourceName: font.name, page: this.current.page, rendered, strings: new Map() };
        this.fonts.set(font.dict, use);
      }
      use.rendered ||= rendered;
      for (const str of e.strings) use.strings.set(str, (use.strings.get(str) ?? false) || rendered);
    }
    if (lang === undefined && !(elem && this.tree?.inheritedLang(elem) !== undefined)) this.current.textWithoutOwnLang++;
    if (this.collectHeadings && elem && font) {
      let h: StructElem | null = elem;
      while (h && !isHeading(h)) h = h.parent;
      if (h) this.headingText.set(h, (this.headingText.get(h) ?? '') + this.decode(font.dict, e.strings));
    }
  }

  /** A content item: counted when neither tagged nor an artifact; its element and language. */
  private item(e: ContentEvent): { elem?: StructElem; lang?: string } {
    let elem: StructElem | undefined;
    let artifact = false;
    let lang: string | undefined;
    for (let i = e.marked.length - 1; i >= 0; i--) {
      const s = this.sequences.get(e.marked[i]!);
      if (!s) continue;
      elem ??= s.elem;
      artifact ||= s.artifact;
      lang ??= s.lang;
    }
    if (!elem && !artifact) this.current.untagged++;
    return { elem, lang };
  }

  private decode(font: PDFDict, strings: string[]): string {
    let info = this.toUnicode.get(font);
    if (!info) {
      const tu = get(this.ctx, font, 'ToUnicode');
      info = { bytes: getName(this.ctx, font, 'Subtype') === 'Type0' ? 2 : 1, map: tu instanceof PDFRawStream ? parseToUnicode(decodeLatin1(tu)) : undefined };
      this.toUnicode.set(font, info);
    }
    let out = '';
    for (const s of strings) {
      for (let i = 0; i < s.length; i += info.bytes) {
        let code = 0;
        for (let b = 0; b < info.bytes; b++) code = (code << 8) | (s.charCodeAt(i + b) & 0xff);
        out += info.map?.get(code) ?? (info.bytes === 1 ? String.fromCharCode(code) : '');
      }
    }
    return out;
  }
}

/** The /StructParents key MCIDs in this content resolve through: the form's own, else the painter's. */
function structParentsOf(ctx: PDFContext, frame: Frame | undefined): number | undefined {
  for (let f = frame; f; f = f.parent) {
    const key = getNumber(ctx, f.dict, 'StructParents');
    if (key !== undefined) return key;
  }
  return undefined;
}
