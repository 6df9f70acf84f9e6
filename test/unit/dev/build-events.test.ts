/** What the terminal shows of the preview's builds. */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { diagnostic } from '../../../src/util/diagnostics.ts';
import { buildLogger, formatMs, summary, type Done } from '../../../src/dev/build-events.ts';

const at = new Date(Date.UTC(2024, 4, 6, 9, 5, 7));
const unsettled = diagnostic('print/contents-unsettled', { passes: '4' });
const yamlError = diagnostic('data/yaml-syntax', { reason: 'bad indent' }, { file: 'data/figures.yaml', line: 5, column: 1 });
const done = (over: Partial<Done>): Done => ({ ok: true, kind: 'html', ms: 312, at, diagnostics: [], ...over });

describe('buildLogger', () => {
  it('prints one line per good build, and the errors of a failed one in full', () => {
    const lines: string[] = [];
    const logBuild = buildLogger((l) => lines.push(l));
    logBuild(done({}), 'html');
    logBuild(done({ kind: 'pdf', ms: 1240 }), 'pdf');
    logBuild(done({ ok: false, ms: 20, diagnostics: [yamlError] }), 'html');
    expect(lines).toEqual([
      '✓ html  312 ms',
      '✓ pdf   1.24 s',
      `✗ html  failed (1 error)\n\nerror data/yaml-syntax data/figures.yaml:5:1\n  YAML syntax error: bad indent\n  hint: ${yamlError.hint}\n`,
    ]);
  });

  it('prints a build\'s warnings only when they change, per kind', () => {
    const lines: string[] = [];
    const logBuild = buildLogger((l) => lines.push(l));
    const warning = `warning print/contents-unsettled\n  ${unsettled.message}\n  hint: ${unsettled.hint}\n`;
    logBuild(done({ kind: 'pdf', diagnostics: [unsettled] }), 'pdf');
    logBuild(done({ kind: 'pdf', diagnostics: [unsettled] }), 'pdf');
    logBuild(done({ kind: 'html', diagnostics: [unsettled] }), 'html');
    logBuild(done({ kind: 'pdf', diagnostics: [] }), 'pdf');
    logBuild(done({ kind: 'pdf', diagnostics: [unsettled] }), 'pdf');
    expect(lines).toEqual(['✓ pdf   312 ms', warning, '✓ pdf   312 ms', '✓ html  312 ms', warning, '✓ pdf   312 ms', '✓ pdf   312 ms', warning]);
  });

  it('says where Write PDF wrote, and always shows its warnings', () => {
    const lines: string[] = [];
    const logBuild = buildLogger((l) => lines.push(l));
    const write = done({ kind: 'pdf', ms: 4830, outFile: path.resolve('out', 'mini.pdf'), diagnostics: [unsettled] });
    logBuild(write, 'write');
    logBuild(write, 'write');
    expect(lines.filter((l) => l.startsWith('✓'))).toEqual(['✓ wrote out/mini.pdf in 4.83 s', '✓ wrote out/mini.pdf in 4.83 s']);
    expect(lines).toHaveLength(4);
    logBuild(done({ ok: false, kind: 'pdf', diagnostics: [yamlError, yamlError] }), 'write');
    expect(lines[4]!.split('\n')[0]).toBe('✗ write failed (2 errors)');
  });
});

describe('summary and formatMs', () => {
  it('sends a build as JSON with its time as ISO text, and the written file only when there is one', () => {
    expect(summary(done({}))).toEqual({ ok: true, kind: 'html', ms: 312, at: '2024-05-06T09:05:07.000Z', diagnostics: [] });
    expect(summary(done({ outFile: '/r/out/mini.pdf' }))).toHaveProperty('outFile', '/r/out/mini.pdf');
  });

  it('shows milliseconds under a second, seconds with two decimals from one', () => {
    expect([formatMs(0), formatMs(999), formatMs(1000), formatMs(12345)]).toEqual(['0 ms', '999 ms', '1.00 s', '12.35 s']);
  });
});
