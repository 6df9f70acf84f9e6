import { parseArgs } from 'node:util';
import type { Options } from '../config/options.ts';

/** The command line's flags: every command's, parsed once, checked strictly. */
export function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      data: { type: 'string', multiple: true },
      concurrency: { type: 'string' },
      theme: { type: 'string' },
      templates: { type: 'string' },
      assets: { type: 'string' },
      out: { type: 'string' },
      'page-size': { type: 'string' },
      timeout: { type: 'string' },
      'no-check': { type: 'boolean' },
      profile: { type: 'string' },
      bleed: { type: 'string' },
      pdfx: { type: 'string' },
      marks: { type: 'string' },
      'ink-limit': { type: 'string' },
      'revision-in-name': { type: 'boolean' },
      port: { type: 'string' },
      'compare-to': { type: 'string' },
      'diff-dir': { type: 'string' },
      checks: { type: 'boolean' },
      booklet: { type: 'boolean' },
      'n-up': { type: 'string' },
      sheet: { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      debug: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}


export type Values = ReturnType<typeof parse>['values'];

/** The build options from the flags (unset ones stay unset, so folio.config.json can fill them). */
export function buildOptions(v: Values): Partial<Options> {
  return {
    data: v.data?.[0],
    theme: v.theme ?? v.templates,
    assets: v.assets,
    out: v.out,
    pageSize: v['page-size'] as Options['pageSize'] | undefined,
    timeoutMs: v.timeout === undefined ? undefined : Number(v.timeout),
    check: v['no-check'] ? false : undefined,
    profile: v.profile as Options['profile'] | undefined,
    bleed: v.bleed,
    pdfx: v.pdfx as Options['pdfx'] | undefined,
    marks: v.marks === undefined ? undefined : ((v.marks === 'none' ? [] : v.marks.split(',')) as Options['marks']),
    inkLimit: v['ink-limit'] === undefined ? undefined : Number(v['ink-limit']),
    revisionInName: v['revision-in-name'] || undefined,
  };
}

