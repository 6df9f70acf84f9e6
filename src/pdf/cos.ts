/**
 * Small typed accessors over pdf-lib's COS objects (dictionaries, arrays, names, strings,
 * references), and number-tree / name-tree readers (ISO 32000-1, 7.9.6 and 7.9.7): what every
 * reader of a PDF's objects needs, below the structure tree, the checker and preflight.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFContext,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
} from 'pdf-lib';

export function resolve(ctx: PDFContext, obj: PDFObject | undefined): PDFObject | undefined {
  let o = obj;
  for (let i = 0; i < 32 && o instanceof PDFRef; i++) o = ctx.lookup(o);
  return o;
}

export function get(ctx: PDFContext, dict: PDFDict | undefined, key: string): PDFObject | undefined {
  return dict ? resolve(ctx, dict.get(PDFName.of(key))) : undefined;
}

export function getDict(ctx: PDFContext, dict: PDFDict | undefined, key: string): PDFDict | undefined {
  const o = get(ctx, dict, key);
  if (o instanceof PDFDict) return o;
  if (o instanceof PDFStream) return o.dict;
  return undefined;
}

export function getArray(ctx: PDFContext, dict: PDFDict | undefined, key: string): PDFArray | undefined {
  const o = get(ctx, dict, key);
  return o instanceof PDFArray ? o : undefined;
}

export function getName(ctx: PDFContext, dict: PDFDict | undefined, key: string): string | undefined {
  return nameOf(get(ctx, dict, key));
}

export function getText(ctx: PDFContext, dict: PDFDict | undefined, key: string): string | undefined {
  return textOf(get(ctx, dict, key));
}

export function getNumber(ctx: PDFContext, dict: PDFDict | undefined, key: string): number | undefined {
  const o = get(ctx, dict, key);
  return o instanceof PDFNumber ? o.asNumber() : undefined;
}

export function getBool(ctx: PDFContext, dict: PDFDict | undefined, key: string): boolean | undefined {
  const o = get(ctx, dict, key);
  return o instanceof PDFBool ? o.asBoolean() : undefined;
}

export function nameOf(o: PDFObject | undefined): string | undefined {
  return o instanceof PDFName ? o.decodeText() : undefined;
}

/** A text string's value (PDFDocEncoding or UTF-16BE with BOM), from a literal or hex string. */
export function textOf(o: PDFObject | undefined): string | undefined {
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  return undefined;
}

/** The elements of an array, resolved; a lone non-array value counts as a one-element array. */
export function items(ctx: PDFContext, o: PDFObject | undefined): PDFObject[] {
  const r = resolve(ctx, o);
  if (r === undefined) return [];
  if (r instanceof PDFArray) return r.asArray().map((x) => resolve(ctx, x) ?? x);
  return [r];
}

export function refKey(ref: PDFRef): string {
  return `${ref.objectNumber} ${ref.generationNumber} R`;
}

/** All entries of a number tree; values are left unresolved (they are often references). */
export function readNumberTree(ctx: PDFContext, root: PDFDict | undefined): Map<number, PDFObject> {
  const out = new Map<number, PDFObject>();
  walkTree(ctx, root, 'Nums', (k, v) => {
    if (k instanceof PDFNumber) out.set(k.asNumber(), v);
  });
  return out;
}

/** All entries of a name tree (keys are strings, decoded as text); values left unresolved. */
export function readNameTree(ctx: PDFContext, root: PDFDict | undefined): Map<string, PDFObject> {
  const out = new Map<string, PDFObject>();
  walkTree(ctx, root, 'Names', (k, v) => {
    if (k instanceof PDFString || k instanceof PDFHexString) {
      const key = rawString(k);
      if (!out.has(key)) out.set(key, v);
    }
  });
  return out;
}

/** A string's bytes as a Latin-1 JS string: how name-tree keys and named destinations compare. */
export function rawString(s: PDFString | PDFHexString): string {
  const bytes = s.asBytes();
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

function walkTree(
  ctx: PDFContext,
  root: PDFDict | undefined,
  leafKey: 'Nums' | 'Names',
  visit: (k: PDFObject, v: PDFObject) => void,
): void {
  const seen = new Set<PDFDict>();
  const stack: PDFDict[] = root ? [root] : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const leaf = getArray(ctx, node, leafKey);
    if (leaf) {
      const a = leaf.asArray();
      for (let i = 0; i + 1 < a.length; i += 2) {
        const k = resolve(ctx, a[i]);
        if (k) visit(k, a[i + 1]!);
      }
    }
    const kids = getArray(ctx, node, 'Kids');
    if (kids) {
      const a = kids.asArray();
      for (let i = a.length - 1; i >= 0; i--) {
        const kid = resolve(ctx, a[i]);
        if (kid instanceof PDFDict) stack.push(kid);
      }
    }
  }
}

/** A stream's decoded bytes as Latin-1 text (one char per byte); '' when its filters fail. */
export function decodeLatin1(s: PDFStream): string {
  try {
    return Buffer.from(s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : s.getContents()).toString('latin1');
  } catch {
    return '';
  }
}

export function decodeName(n: string): string {
  return n.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function inherited(ctx: PDFContext, node: PDFDict, key: string): PDFObject | undefined {
  for (let n: PDFDict | undefined = node, i = 0; n && i < 64; n = getDict(ctx, n, 'Parent'), i++) {
    const v = get(ctx, n, key);
    if (v !== undefined) return v;
  }
  return undefined;
}

export function rectOf(ctx: PDFContext, o: PDFObject | undefined): [number, number, number, number] | undefined {
  const a = resolve(ctx, o);
  if (!(a instanceof PDFArray) || a.size() < 4) return undefined;
  const n = a.asArray().slice(0, 4).map((x) => resolve(ctx, x));
  if (!n.every((x) => x instanceof PDFNumber)) return undefined;
  const [x0, y0, x1, y1] = n.map((x) => (x as PDFNumber).asNumber()) as [number, number, number, number];
  return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
}
