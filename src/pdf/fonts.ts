import { PDFDict, type PDFDocument } from 'pdf-lib';
import { getName } from './cos.ts';

/** The base names of the fonts a PDF embeds, without subset tags (`Inter-Bold`, `LiberationSans`). */
export function embeddedFontNames(doc: PDFDocument): string[] {
  const names = new Set<string>();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFDict && getName(doc.context, obj, 'Type') === 'Font' && getName(doc.context, obj, 'Subtype') !== 'Type0') {
      const base = getName(doc.context, obj, 'BaseFont');
      if (base) names.add(base.replace(/^[A-Z]{6}\+/, ''));
    }
  }
  return [...names].sort();
}

/** Font families an HTML document declares with @font-face (the fonts it bundles). */
export function declaredFontFamilies(html: string): string[] {
  const families = new Set<string>();
  for (const block of html.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const family = /font-family:\s*['"]?([^;'"]+)['"]?/.exec(block[1]!)?.[1];
    if (family) families.add(family.trim());
  }
  return [...families];
}

/**
 * Fonts in the PDF that are not among the declared families: Chromium fell back to a system font
 * for a character the bundled fonts do not cover, so the PDF would differ from machine to machine.
 */
export function fallbackFonts(doc: PDFDocument, html: string): string[] {
  const declared = declaredFontFamilies(html).map((f) => f.replace(/\s+/g, ''));
  return embeddedFontNames(doc).filter((name) => !declared.some((family) => name.startsWith(family)));
}
