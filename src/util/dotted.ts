/**
 * Dotted paths (`financials.statement.revenue.total`, `grants.by_year.2023`) name figures in rules,
 * chart bindings and corrections; JSON pointers (`/financials/statement/revenue`) name places in
 * diagnostics. Both over plain data.
 */

/** Reads a dotted path; `undefined` when any step is missing. */
export function get(data: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), data);
}

/** Writes a dotted path, making the maps on the way. */
export function set(data: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  const last = keys.pop()!;
  let o = data;
  for (const k of keys) {
    if (o[k] === undefined) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[last] = value;
}

/** `financials.statement.revenue.total.2023` → `/financials/statement/revenue/total/2023`. */
export function pointerOf(dotted: string): string {
  return `/${dotted.split('.').map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

/** `/financials/statement/revenue/lines/0` → `financials.statement.revenue.lines[0]`. */
export function dotted(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
    .join('')
    .replace(/^\./, '');
}
