import { fail, type Place } from '../util/diagnostics.ts';
import type { Row } from './bind-chart.ts';

type Spec = Record<string, unknown>;

const CHANNELS = ['x', 'y', 'x2', 'y2', 'xOffset', 'yOffset', 'theta', 'radius', 'color', 'fill', 'stroke', 'text', 'order', 'tooltip', 'size', 'opacity', 'shape', 'detail'];

/**
 * Fields a transform adds, by transform: `as` wherever it is written (calculate, bin, timeUnit,
 * aggregate, window, joinaggregate, stack, lookup, flatten, impute…), and the names some
 * transforms use when `as` is left out.
 */
const DEFAULT_OUTPUTS: Record<string, string[]> = {
  fold: ['key', 'value'],
  density: ['value', 'density'],
  quantile: ['prob', 'value'],
  stack: [],
  window: [],
  regression: [],
  loess: [],
};

/** A field the encoding names but the rows lack draws nothing, silently: make it an error. */
export function checkFields(chart: string, spec: Spec, rows: Row[], where: Place): void {
  const made = new Set<string>();
  let pivots = false;
  const used: string[] = [];
  const collectAs = (v: unknown): void => {
    if (typeof v === 'string') made.add(v);
    else if (Array.isArray(v)) v.forEach(collectAs);
  };
  const addTransform = (t: Record<string, unknown>) => {
    collectAs(t.as);
    for (const key of ['aggregate', 'window', 'joinaggregate']) for (const op of (t[key] as Record<string, unknown>[] | undefined) ?? []) collectAs(op.as);
    const from = t.from as { fields?: unknown } | undefined;
    if (from?.fields) collectAs(from.fields);
    for (const [op, names] of Object.entries(DEFAULT_OUTPUTS)) if (op in t && t.as === undefined) names.forEach((n) => made.add(n));
    if ('pivot' in t) pivots = true;
  };
  const walk = (node: unknown, key?: string): void => {
    // Transforms are read above, from their view; their settings are not encodings. (Checked before
    // the array step, which drops the key: `transform` is always a list.)
    if (key === 'transform') return;
    if (Array.isArray(node)) return node.forEach((n) => walk(n));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    for (const t of (o.transform as Record<string, unknown>[] | undefined) ?? []) addTransform(t);
    if (key && CHANNELS.includes(key) && typeof o.field === 'string') used.push(o.field);
    for (const [k, v] of Object.entries(o)) if (k !== 'usermeta' && k !== 'data') walk(v, k);
  };
  walk(spec);
  // A pivot makes columns from the data's values: which ones only the data knows.
  if (pivots) return;
  const known = new Set(rows.flatMap((r) => Object.keys(r)));
  for (const field of used) {
    if (!known.has(field) && !made.has(field)) fail('chart/unknown-field', { chart, field, known: [...known, ...made].join(', ') }, where);
  }
}

/**
 * Scales come from the data. Where a spec fixes a domain anyway, a value outside it would be drawn
 * past the axis, silently: the build fails instead, naming the value and the domain.
 */
export function checkDomains(chart: string, spec: Spec, rows: Row[], where: Place): void {
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${pointer}/${i}`));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    for (const [channel, def] of Object.entries((o.encoding as Record<string, unknown>) ?? {})) {
      const d = def as { field?: unknown; scale?: { domain?: unknown; domainMin?: unknown; domainMax?: unknown } };
      if (typeof d?.field !== 'string' || !d.scale) continue;
      const domain = Array.isArray(d.scale.domain) && d.scale.domain.length === 2 && d.scale.domain.every((x) => typeof x === 'number') ? (d.scale.domain as number[]) : undefined;
      const lo = domain?.[0] ?? (typeof d.scale.domainMin === 'number' ? d.scale.domainMin : -Infinity);
      const hi = domain?.[1] ?? (typeof d.scale.domainMax === 'number' ? d.scale.domainMax : Infinity);
      for (const row of rows) {
        const v = row[d.field];
        if (typeof v === 'number' && (v < Math.min(lo, hi) || v > Math.max(lo, hi))) {
          fail('chart/clipped', { chart, field: d.field, value: String(v), domain: `[${lo}, ${hi}]` }, { ...where, pointer: `${pointer}/encoding/${channel}/scale` });
        }
      }
    }
    for (const [k, v] of Object.entries(o)) if (k === 'layer' || k === 'spec' || k === 'hconcat' || k === 'vconcat' || k === 'concat') visit(v, `${pointer}/${k}`);
  };
  visit(spec, '');
}
