/**
 * Every user-facing message folio prints, keyed by a stable code. Tests assert on codes, not on
 * wording, so the wording can improve without breaking them.
 */
type Args = Record<string, string | undefined>;

export interface MessageSpec {
  severity: 'error' | 'warning';
  text: (a: Args) => string;
  hint?: (a: Args) => string | undefined;
}

const spec = <T extends Record<string, MessageSpec>>(t: T) => t;

export const MESSAGES = spec({
  'config/invalid': {
    severity: 'error',
    text: (a) => `Invalid option ${a.option}: ${a.reason}.`,
    hint: (a) => a.hint ?? 'Run `folio --help` for the options.',
  },
  'config/source-date-epoch': {
    severity: 'error',
    text: (a) => `SOURCE_DATE_EPOCH is "${a.value}", which is not a whole number of seconds since 1970-01-01 UTC.`,
    hint: () => 'Set it to a timestamp (e.g. `export SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`), or unset it to date the PDF from the data.',
  },
  'config/unknown-command': {
    severity: 'error',
    text: (a) => `Unknown command "${a.command}".`,
    hint: () => 'Commands: init, build, validate, next-year, check, preflight, impose, diff, dev. Run `folio --help`.',
  },
  'init/not-empty': {
    severity: 'error',
    text: (a) => `${a.dir} already exists and is not empty.`,
    hint: () => 'Name a new folder (or an empty one): folio writes a whole report there and overwrites nothing.',
  },
  'next-year/no-year': {
    severity: 'error',
    text: (a) => `${a.file} has no year to move on from.`,
    hint: () => 'report.yaml needs `year:` (the year the report covers, e.g. 2024).',
  },
  'data/dir-missing': {
    severity: 'error',
    text: (a) => `The data folder ${a.dir} does not exist or is not a folder.`,
    hint: () => 'Pass the folder that holds report.yaml with --data.',
  },
  'data/read-failed': {
    severity: 'error',
    text: (a) => `Could not read ${a.file}: ${a.reason}.`,
  },
  'data/not-utf8': {
    severity: 'error',
    text: (a) => `${a.file} is not valid UTF-8 text.`,
    hint: () => 'Save the file with UTF-8 encoding.',
  },
  'data/yaml-syntax': {
    severity: 'error',
    text: (a) => `YAML syntax error: ${a.reason}`,
    hint: () => 'Check the indentation and quoting around the line shown; text that uses helpers ({{…}}) must be quoted where it starts a value or sits inside { } or [ ].',
  },
  'data/yaml-unsafe': {
    severity: 'error',
    text: (a) => `YAML tag ${a.tag} is not allowed in report data.`,
    hint: () => 'Report data is plain text, numbers, lists and maps; remove the tag.',
  },
  'data/front-matter': {
    severity: 'error',
    text: (a) => `Front matter is not closed: ${a.reason}.`,
    hint: () => 'Front matter starts and ends with a line holding only ---.',
  },
  'data/no-report': {
    severity: 'error',
    text: (a) => `No report.yaml in ${a.dir}.`,
    hint: () => 'Every data folder needs a report.yaml with the title, language and sections.',
  },
  'data/no-schema': {
    severity: 'warning',
    text: (a) => `No schema/data.schema.json in ${a.dir}: the data is not validated.`,
  },
  'data/schema-invalid': {
    severity: 'error',
    text: (a) => `The schema ${a.file} cannot be compiled: ${a.reason}.`,
  },
  'data/schema': {
    severity: 'error',
    text: (a) => `${a.where} ${a.reason}.`,
    hint: (a) => a.hint ?? 'Fix the value, or the schema if the value is right.',
  },
  'data/unfilled': {
    severity: 'error',
    text: (a) => `${a.where} is still to fill.`,
    hint: () => 'Type the figure (an empty value, ~, is what folio next-year leaves for this year\'s new figures).',
  },
  'data/draft-prose': {
    severity: 'warning',
    text: (a) => `prose/${a.name}.md is still marked draft.`,
    hint: () => 'Revise the text, then remove `draft: true` from its front matter.',
  },
  'data/not-finite': {
    severity: 'error',
    text: (a) => `${a.where} is ${a.value}, which is not a usable number.`,
    hint: () => 'Figures must be finite numbers no larger than 9,007,199,254,740,991 (2^53 − 1); check for extra zeros.',
  },
  'derive/missing-input': {
    severity: 'error',
    text: (a) => `Rule for ${a.target} reads ${a.input}, which is not in the data.`,
    hint: () => 'Check the path in the derive rule, or add the figure it names.',
  },
  'derive/bad-input': {
    severity: 'error',
    text: (a) => `Rule for ${a.target} cannot use ${a.input}: ${a.reason}.`,
  },
  'derive/bad-rule': {
    severity: 'error',
    text: (a) => `Derive rule ${a.rule}: ${a.reason}.`,
  },
  'figures/mismatch': {
    severity: 'error',
    text: (a) => `${a.figure} ${a.what ? `${a.what} ` : ''}is stated as ${a.stated} but computes to ${a.computed} (difference ${a.difference}).`,
    hint: (a) =>
      `The rule is at ${a.rule}. Fix the figure or the figures it is computed from; if the published figure was wrong, record a correction in corrections.yaml (path, old, new, date, note).`,
  },
  'corrections/stale': {
    severity: 'error',
    text: (a) => `The correction for ${a.path} says it is now ${a.new}, but the data gives ${a.value}.`,
    hint: () => 'A correction must describe the data as it is: update its `new` value, or the figure.',
  },
  'corrections/unchained': {
    severity: 'error',
    text: (a) => `The correction for ${a.path} of ${a.date} says it was ${a.old}, but the correction before it (of ${a.before}) made it ${a.new}.`,
    hint: () => 'A figure corrected more than once has one correction per edition: each one\'s `old` is the `new` of the one before.',
  },
  'corrections/before-publication': {
    severity: 'error',
    text: (a) => `The correction for ${a.path} is dated ${a.date}, before the report's first publication (${a.published}).`,
    hint: () => 'A correction comes after the edition it corrects: check its `date`, or the `date` in report.yaml (the first publication).',
  },
  'template/missing-dir': {
    severity: 'error',
    text: (a) => `The templates folder ${a.dir} has no ${a.file}.`,
  },
  'template/syntax': {
    severity: 'error',
    text: (a) => `Template syntax error: ${a.reason}`,
    hint: (a) => a.hint,
  },
  'template/unknown-variable': {
    severity: 'error',
    text: (a) => `Unknown variable "${a.name}".`,
    hint: (a) => a.hint ?? 'Check the spelling against the data files.',
  },
  'template/unknown-helper': {
    severity: 'error',
    text: (a) => `Unknown helper "${a.name}".`,
    hint: (a) => a.hint ?? `Helpers: ${a.known}.`,
  },
  'template/missing-partial': {
    severity: 'error',
    text: (a) => `Partial "${a.name}" does not exist.`,
    hint: (a) => a.hint ?? (a.known ? `Partials: ${a.known}.` : undefined),
  },
  'template/helper-failed': {
    severity: 'error',
    text: (a) => `Helper "${a.name}" failed: ${a.reason}`,
  },
  'template/missing-section': {
    severity: 'error',
    text: (a) => `There is no section kind "${a.name}": no template sections/${a.name}.hbs in the report's templates/ or the theme.`,
    hint: (a) => a.hint ?? `Section kinds: ${a.known}.`,
  },
  'section/invalid': {
    severity: 'error',
    text: (a) => `The ${a.where} ${a.reason}.`,
    hint: (a) => a.hint ?? 'See the section kinds in the README ("The data").',
  },
  'section/missing-prose': {
    severity: 'error',
    text: (a) => `There is no prose file prose/${a.name}.md.`,
    hint: (a) => a.hint,
  },
  'section/missing-data': {
    severity: 'error',
    text: (a) => `The section's ${a.field} names ${a.path}, which ${a.reason ?? 'is not in the data'}.`,
    hint: () => 'A data path starts with the data file\'s name: grants.by_year reads by_year in grants.yaml.',
  },
  'section/duplicate-id': {
    severity: 'error',
    text: (a) => `Two sections have the id "${a.id}".`,
    hint: () => 'Ids name each section\'s heading (for links and the contents): give one another id.',
  },
  'theme/invalid': {
    severity: 'error',
    text: (a) => `The theme file ${a.file} cannot be read: ${a.reason}.`,
  },
  'theme/bad-colour': {
    severity: 'error',
    text: (a) => `${a.name} is "${a.value}", which is not a colour.`,
    hint: () => 'Write colours as #rrggbb (or #rgb).',
  },
  'theme/unknown-role': {
    severity: 'error',
    text: (a) => `The theme has no colour role "${a.role}".`,
    hint: (a) => a.hint ?? `Roles: ${a.known}.`,
  },
  'theme/unknown-colour': {
    severity: 'error',
    text: (a) => `The role ${a.role} names "${a.name}", which is not in the palette.`,
    hint: (a) => a.hint ?? `Palette: ${a.known || 'empty'}.`,
  },
  'chart/missing-spec': {
    severity: 'error',
    text: (a) => `There is no chart spec charts/${a.chart}.vl.json in the report's templates/ or the theme.`,
    hint: (a) => a.hint ?? `Chart specs: ${a.known || 'none'}.`,
  },
  'chart/duplicate-id': {
    severity: 'error',
    text: (a) => `Two charts have the id "${a.id}".`,
    hint: () => 'To use one spec twice, give each use an id: { chart: bars, id: members-by-year, data: … }.',
  },
  'chart/invalid-title': {
    severity: 'error',
    text: (a) => `The title of chart ${a.chart} is ${a.value}, not text.`,
    hint: () => 'Write the title as text; it may use helpers and the chart\'s first and last labels: "Members, {{chart.first}}–{{chart.last}}".',
  },
  'chart/unknown-colour': {
    severity: 'error',
    text: (a) => `The colour ${a.name} is neither a role nor in the palette.`,
    hint: (a) => a.hint,
  },
  'chart/clipped': {
    severity: 'error',
    text: (a) => `Chart ${a.chart} fixes the ${a.field} scale to ${a.domain}, but the data has ${a.value}: it would be drawn past the axis.`,
    hint: () => 'Remove the fixed domain (scales come from the data), or widen it.',
  },
  'chart/read-failed': {
    severity: 'error',
    text: (a) => `Chart spec cannot be read: ${a.reason}`,
  },
  'chart/invalid-spec': {
    severity: 'error',
    text: (a) => `Chart "${a.chart}" is not a valid Vega-Lite spec: ${a.reason}`,
  },
  'chart/missing-data': {
    severity: 'error',
    text: (a) => `Chart "${a.chart}" is bound to ${a.path}, which ${a.reason ?? 'is not in the data'}.`,
    hint: () => 'A chart draws a list of records or a map of values (e.g. figures by year): check the path, here or in the section that uses the chart.',
  },
  'chart/empty-data': {
    severity: 'error',
    text: (a) => `Chart "${a.chart}" has no data: ${a.path} is empty.`,
  },
  'chart/unknown-field': {
    severity: 'error',
    text: (a) => `Chart "${a.chart}" encodes field "${a.field}", which its data rows do not have.`,
    hint: (a) => `Fields in the data: ${a.known}.`,
  },
  'chart/warning': {
    severity: 'warning',
    text: (a) => `Chart "${a.chart}": ${a.reason}`,
  },
  'asset/missing': {
    severity: 'error',
    text: (a) => `Asset ${a.path} does not exist.`,
    hint: (a) => `folio looked in ${a.folders ?? 'the assets folders'}: put images there (the report's own in its assets/ folder) and fonts in fonts/ below them, or install the @fontsource package.`,
  },
  'asset/outside': {
    severity: 'error',
    text: (a) => `Asset path ${a.path} points outside the assets folders.`,
    hint: (a) => `Assets are named by a relative path (assets/…) and live in ${a.folders ?? 'the assets folders'}.`,
  },
  'print/blocked-request': {
    severity: 'warning',
    text: (a) => `The page asked for ${a.url}; folio blocked it (no network access while printing).`,
  },
  'print/no-bundled-fonts': {
    severity: 'warning',
    text: (a) => `The styles bundle no fonts (no @font-face): the PDF is set in this machine's fonts (${a.fonts}).`,
    hint: () => 'Fonts differ from machine to machine: keep the theme\'s styles/00-fonts.css, or add @font-face rules for the fonts in your assets folder.',
  },
  'print/fallback-font': {
    severity: 'warning',
    text: (a) => `The PDF uses the system font ${a.font}: a character is not covered by the bundled fonts.`,
    hint: () => 'Find the character (it is set in that font in the PDF) and add a font subset that covers it to the @font-face rules, or use another character; system fonts differ from machine to machine.',
  },
  'print/contents-unsettled': {
    severity: 'warning',
    text: (a) => `The contents' page numbers still moved after ${a.passes} print passes; some may be off by a page.`,
    hint: () => 'A contents entry whose number changes the line breaks can oscillate; give the numbers a fixed width.',
  },
  'html/accessibility': {
    severity: 'error',
    text: (a) => `axe-core rule ${a.rule}: ${a.help} — at ${a.target}${a.summary ? ` (${a.summary})` : ''}`,
    hint: (a) => `WCAG 2.2 AA, checked in Chromium before printing; see https://dequeuniversity.com/rules/axe/4.14/${a.rule}.`,
  },
  'print/no-ghostscript': {
    severity: 'error',
    text: (a) => `The print edition needs ${a.what}, which is not installed.`,
    hint: () => 'Install Ghostscript and qpdf (Debian/Ubuntu: `apt-get install ghostscript qpdf`; macOS: `brew install ghostscript qpdf`); `npm run build:print` does this on Debian.',
  },
  'print/cmyk-failed': {
    severity: 'error',
    text: (a) => `Converting the print edition to CMYK failed: ${a.reason}`,
  },
  'print/untagged': {
    severity: 'warning',
    text: (a) => `The print edition is not tagged: ${a.reason}, so Ghostscript converted its colours, and Ghostscript drops the structure tree.`,
    hint: () => 'The screen edition (the default profile) is the accessible one. Folio converts text and vector colours itself, keeping the tags, for PDF/X-4 without images, shadings, patterns or colour spaces.',
  },
  'print/failed': {
    severity: 'error',
    text: (a) => `Printing failed: ${a.reason}`,
  },
  'browser/not-found': {
    severity: 'error',
    text: (a) => (a.envPath ? `PUPPETEER_EXECUTABLE_PATH is set to ${a.envPath}, and there is no browser there.` : 'No Chrome or Chromium browser was found.'),
    hint: () =>
      'Install one: on Debian/Ubuntu `apt-get install chromium`; elsewhere `npx puppeteer browsers install chrome-headless-shell`; ' +
      'or point PUPPETEER_EXECUTABLE_PATH at a Chrome/Chromium binary.',
  },
  'browser/launch-failed': {
    severity: 'error',
    text: (a) => `The browser at ${a.path} could not be started: ${a.reason}`,
    hint: () => 'Check that it runs (`chromium --version`), or set PUPPETEER_EXECUTABLE_PATH to another one.',
  },
  'browser/restarted': {
    severity: 'warning',
    text: (a) => `The browser stopped while printing (${a.reason}); folio started a fresh one and printed again.`,
  },
  'browser/crashed': {
    severity: 'error',
    text: (a) => `The browser stopped while printing, twice: ${a.reason}`,
    hint: () => 'Check memory and /dev/shm, and that the browser runs on its own (`chromium --headless --dump-dom about:blank`).',
  },
  'stage/timeout': {
    severity: 'error',
    text: (a) => `The ${a.stage} stage did not finish within ${a.ms} ms: ${a.reason}`,
    hint: () => 'Something on the page never settles (an asset that never loads, an endless layout); raise --timeout if the report is simply large.',
  },
  'output/locked': {
    severity: 'error',
    text: (a) => `Another folio build (process ${a.pid}) is writing ${a.file} right now.`,
    hint: () => 'Wait for it to finish, or write to another file with --out. A lock left by a process that no longer runs is taken over.',
  },
  'output/write-failed': {
    severity: 'error',
    text: (a) => `Could not write ${a.file}: ${a.reason}.`,
    hint: () => 'Check that the folder exists and is writable; the previous file, if any, is unchanged.',
  },
  'postprocess/failed': {
    severity: 'error',
    text: (a) => `Post-processing the PDF failed: ${a.reason}`,
  },
  'check/unreadable': {
    severity: 'error',
    text: (a) => `${a.file ?? 'The PDF'} cannot be read for checking: ${a.reason}`,
    hint: (a) => (a.notPdf ? 'folio check reads PDF files; pass the .pdf a build wrote.' : 'The file is damaged or truncated: open it in a PDF reader, or build it again.'),
  },
  'check/failed': {
    severity: 'error',
    text: (a) => `Rule ${a.rule} (${a.clause === 'folio' ? 'folio navigation' : `ISO 14289-1, ${a.clause}`}): ${a.message}`,
    hint: (a) =>
      a.rule?.startsWith('folio-')
        ? 'folio-… rules are folio\'s navigation checks (contents, bookmarks, page labels).'
        : `Rule ids are veraPDF's PDF/UA-1 rules (clause-test): look up ${a.rule} in veraPDF's PDF/UA-1 rule list.`,
  },
  'impose/unreadable': {
    severity: 'error',
    text: (a) => `The PDF cannot be read for imposition: ${a.reason}`,
    hint: () => 'Pass a complete PDF file, such as the one `folio build` wrote.',
  },
  'impose/encrypted': {
    severity: 'error',
    text: () => 'The PDF is encrypted, so its pages cannot be imposed.',
    hint: () => 'Remove the encryption first, e.g. `qpdf --decrypt in.pdf out.pdf` (with --password=… if it has one).',
  },
  'impose/no-pages': {
    severity: 'error',
    text: () => 'The PDF has no pages to impose.',
  },
  'impose/failed': {
    severity: 'error',
    text: (a) => `Imposing the PDF failed: ${a.reason}`,
  },
  'impose/scaled': {
    severity: 'warning',
    text: (a) => `The pages do not fit the ${a.sheet} sheet at full size: they are printed at ${a.scale} of their size.`,
    hint: () => 'Choose the sheet that holds two pages side by side (--sheet auto: tabloid for letter pages, A3 for A4 pages).',
  },
  'impose/no-room-for-marks': {
    severity: 'warning',
    text: (a) => `No fold marks: the pages fill the ${a.sheet} sheet from edge to edge, leaving no margin to draw them in.`,
    hint: () => 'The fold is the centre line of the sheet; print on a larger sheet to have marks.',
  },
  'preflight/unreadable': {
    severity: 'error',
    text: (a) => `The PDF cannot be read for the print preflight: ${a.reason}`,
  },
  'preflight/bad-option': {
    severity: 'error',
    text: (a) => `Invalid preflight option ${a.option}: ${a.reason}.`,
  },
  'preflight/error': {
    severity: 'error',
    text: (a) => `Print preflight (${a.check}): ${a.message}`,
    hint: (a) => a.hint ?? 'The file is not ready for print; fix it in the source and build again.',
  },
  'preflight/warning': {
    severity: 'warning',
    text: (a) => `Print preflight (${a.check}): ${a.message}`,
  },
  'diff/missing': {
    severity: 'error',
    text: (a) => `${a.file} does not exist${a.reason ? ` (${a.reason})` : ''}.`,
    hint: () => 'Pass the two PDFs to compare, the old build first: folio diff OLD.pdf NEW.pdf.',
  },
  'diff/not-pdf': {
    severity: 'error',
    text: (a) => `${a.file} is not a PDF: it does not start with %PDF-.`,
    hint: () => 'Compare two PDFs built by `folio build` (or any two PDF files).',
  },
  'diff/unreadable': {
    severity: 'error',
    text: (a) => `${a.file} cannot be read as a PDF: ${a.reason}`,
    hint: () => 'The file may be truncated or damaged; build it again.',
  },
  'diff/no-poppler': {
    severity: 'error',
    text: (a) => `Comparing PDFs needs ${a.tool} (poppler-utils), which is not installed.`,
    hint: () => 'Install poppler-utils (Debian/Ubuntu: `apt-get install poppler-utils`; macOS: `brew install poppler`); `npm test` does this on Debian.',
  },
  'diff/bad-option': {
    severity: 'error',
    text: (a) => `Invalid diff option ${a.option}: ${a.reason}.`,
  },
  'diff/failed': {
    severity: 'error',
    text: (a) => `Comparing the PDFs failed: ${a.reason}`,
  },
  'dev/port-in-use': {
    severity: 'error',
    text: (a) => `The preview server cannot listen on ${a.host}:${a.port}: ${a.reason}.`,
    hint: () => 'Another program (or another `folio dev`) uses that port: pass another with --port, or --port 0 for any free one.',
  },
  'dev/host-not-local': {
    severity: 'error',
    text: (a) => `The preview server only listens on this machine, not on ${a.host}.`,
    hint: () => 'Use 127.0.0.1 (the default), localhost or ::1; the preview serves your data and can write files.',
  },
  'dev/watch-failed': {
    severity: 'warning',
    text: (a) => `Cannot watch ${a.dir} for changes: ${a.reason}.`,
    hint: () => 'Changes there will not rebuild the preview until `folio dev` is restarted.',
  },
  'internal/error': {
    severity: 'error',
    text: (a) => `Unexpected error: ${a.reason}`,
    hint: () => 'This is a bug in folio; please report it with the command you ran.',
  },
});

export type Code = keyof typeof MESSAGES;
export type MessageArgs = Args;
