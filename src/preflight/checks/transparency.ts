/** Transparency: PDF/X-1a predates live transparency; a file that claims it must have none. */
import { error, fmt, pdfxTarget, type Check } from '../check.ts';
import type { Transparency } from '../facts.ts';

/** What a transparency fact is, for a message: "ExtGState /GS1 uses fill opacity /ca 0.5". */
export function describeTransparency(t: Transparency): string {
  if (t.extGState === undefined) return `image ${t.object} has a soft mask (/SMask)`;
  const what: string[] = [];
  if (t.softMask) what.push('a soft mask (/SMask)');
  if (t.fillOpacity !== undefined) what.push(`fill opacity /ca ${fmt(t.fillOpacity, 3)}`);
  if (t.strokeOpacity !== undefined) what.push(`stroke opacity /CA ${fmt(t.strokeOpacity, 3)}`);
  if (t.blendMode !== undefined) what.push(`blend mode /${t.blendMode}`);
  return `ExtGState /${t.extGState} uses ${what.join(', ')}`;
}

export const pdfxNoTransparency: Check = {
  id: 'pdfx',
  requires: 'PDF/X-1a: no soft masks, constant opacity below 1 or blend modes other than Normal.',
  *test(facts, o) {
    const target = pdfxTarget(facts, o);
    if (target?.level !== 'x1a') return;
    for (const t of facts.transparency) {
      yield error(`${target.label} allows no transparency: on page ${t.page}, ${describeTransparency(t)}.`, { page: t.page, ...(t.object.startsWith('/') ? {} : { object: t.object }) });
    }
  },
};
