/** Reading XMP packets: just enough XML to find a namespace and a simple property. */

/** The XML namespace prefix bound to `uri` in an XMP packet. */
export function prefixFor(xmp: string, uri: string): string | undefined {
  const re = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${escapeRe(uri)}["']`);
  return re.exec(xmp)?.[1];
}

/** A simple XMP property's value, written as an element or as an attribute. */
export function xmpProperty(xmp: string, prefix: string, name: string): string | undefined {
  const p = escapeRe(`${prefix}:${name}`);
  const el = new RegExp(`<${p}(?:\\s[^>]*)?>([^<]*)</${p}>`).exec(xmp);
  if (el) return el[1]!;
  const at = new RegExp(`\\s${p}\\s*=\\s*["']([^"']*)["']`).exec(xmp);
  return at?.[1];
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Every prefix bound to `uri` in the packet (a packet may bind several, in different descriptions). */
export function prefixesFor(xmp: string, uri: string): string[] {
  const re = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${escapeRe(uri)}["']`, 'g');
  return [...new Set([...xmp.matchAll(re)].map((m) => m[1]!))];
}

/** A simple property of namespace `uri`, written with any prefix bound to it: that prefix and the value. */
export function namespacedProperty(xmp: string, uri: string, name: string): { prefix: string; value: string } | undefined {
  for (const prefix of prefixesFor(xmp, uri)) {
    const value = xmpProperty(xmp, prefix, name);
    if (value !== undefined) return { prefix, value };
  }
  return undefined;
}
