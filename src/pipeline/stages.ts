/**
 * The stages before the browser in the one contract, `(input, run) => output`: what a stage has
 * to say goes to `run`, whatever shape the layer below gives it in (a list of warnings, a chart's
 * warnings). pipeline.ts chains these, the browser's and the PDF's (pdf-stages.ts), and nothing else.
 */
import path from 'node:path';
import type { Options } from '../config/options.ts';
import { FolioError } from '../util/diagnostics.ts';
import type { Stage } from '../util/stage.ts';
import { loadData, type LoadedData } from '../data/load-data.ts';
import { validateData } from '../data/validate-data.ts';
import { deriveFigures } from '../data/derive-figures.ts';
import { readTheme, type ThemeFiles } from '../theme/read-theme.ts';
import { createAssetResolver, type AssetResolver } from '../theme/assets.ts';
import { checkStyleAssets } from '../theme/check-styles.ts';
import { resolveReport, type ResolvedReport } from '../render/resolve-report.ts';
import { renderCharts, type ChartsInput, type RenderedCharts } from '../render/render-charts.ts';
import { renderHtml, type HtmlInput } from '../render/render-html.ts';

export const load: Stage<string, LoadedData> = (dir) => loadData(dir);

/** Reading the templates, styles and chart specs, apart from rendering them. */
export const readTemplates: Stage<Pick<Options, 'theme' | 'data'>, ThemeFiles> = (options) => readTheme(options.theme, options.data);

export const validate: Stage<LoadedData, void> = async (loaded, run) => run.report(await validateData(loaded));

export const derive: Stage<LoadedData, Record<string, unknown>> = (loaded) => deriveFigures(loaded).data;

export const resolve: Stage<{ derived: Record<string, unknown>; loaded: LoadedData; theme: ThemeFiles }, ResolvedReport> = ({ derived, loaded, theme }, run) => {
  const resolved = resolveReport(derived, loaded.locate, theme);
  run.report(resolved.warnings);
  return resolved;
};

export const charts: Stage<ChartsInput, Omit<RenderedCharts, 'warnings'>> = async (input, run) => {
  const { warnings, ...drawn } = await renderCharts(input);
  run.report(warnings);
  return drawn;
};

/** The report's assets and the theme's, and every asset the styles name found among them. */
export const findAssets: Stage<{ options: Pick<Options, 'data' | 'assets'>; theme: ThemeFiles }, AssetResolver> = ({ options, theme }) => {
  const assets = createAssetResolver([path.join(options.data, 'assets'), options.assets]);
  const missing = checkStyleAssets(theme.styles, assets);
  if (missing.length > 0) throw new FolioError(missing);
  return assets;
};

export const html: Stage<HtmlInput, string> = (input) => renderHtml(input);
