/**
 * Vega-Lite specs to static SVG, in Node: vega-lite compiles a spec to Vega, and a Vega View
 * with renderer 'none' renders it with toSVG(). No browser, no node-canvas: without canvas,
 * Vega estimates text widths from character counts, which keeps the output byte-identical on
 * every machine (the same spec gives the same SVG).
 *
 * vega and vega-lite are ES modules (with top-level await, so require() cannot load them);
 * they are imported once, lazily, through a real dynamic import that the CommonJS compiler
 * output leaves alone, and only by commands that draw charts.
 */
import { pathToFileURL } from 'node:url';

/** What ersim uses of vega: parse a Vega spec and render a headless View to SVG. */
interface VegaView {
  toSVG(scaleFactor?: number): Promise<string>;
  finalize(): void;
}
interface VegaModule {
  parse(spec: object, config?: object): object;
  View: new (runtime: object, options: { renderer: 'none'; logger: Logger }) => VegaView;
}
interface VegaLiteModule {
  compile(spec: object, options: { logger: Logger }): { spec: object };
}

/** vega-util's logger interface. The charts' warnings are kept, never printed: nothing below cli/ prints. */
interface Logger {
  level(): number;
  level(level: number): Logger;
  error(...args: unknown[]): Logger;
  warn(...args: unknown[]): Logger;
  info(...args: unknown[]): Logger;
  debug(...args: unknown[]): Logger;
}

/** Warnings of vega-lite and vega while rendering, for tests and debugging (the last 100). */
export const renderWarnings: string[] = [];

function quietLogger(): Logger {
  let level = 0;
  const logger: Logger = {
    level: ((l?: number) => {
      if (l === undefined) return level;
      level = l;
      return logger;
    }) as Logger['level'],
    error: (...args) => {
      throw new Error(`chart error: ${args.map(String).join(' ')}`);
    },
    warn: (...args) => {
      renderWarnings.push(args.map(String).join(' '));
      if (renderWarnings.length > 100) renderWarnings.shift();
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/** A Vega-Lite spec, as a plain object (ersim builds them; vega-lite checks them when compiling). */
export type VlSpec = Record<string, unknown>;

// eslint-disable-next-line @typescript-eslint/no-implied-eval -- tsc turns import() into require() under CommonJS, and vega is ESM only
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

let modules: Promise<{ vega: VegaModule; vl: VegaLiteModule }> | undefined;

function load(): Promise<{ vega: VegaModule; vl: VegaLiteModule }> {
  modules ??= (async () => {
    // Resolved from this file, so the packages are found wherever ersim is run from.
    const vega = (await importEsm(pathToFileURL(require.resolve('vega')).href)) as VegaModule;
    const vl = (await importEsm(pathToFileURL(require.resolve('vega-lite')).href)) as VegaLiteModule;
    return { vega, vl };
  })();
  return modules;
}

/** Settings shared by every chart: fonts, no per-point ARIA labels (they would bloat the page), quiet frames. */
export const BASE_CONFIG = {
  aria: false,
  font: 'sans-serif',
  view: { stroke: '#ccc' },
  axis: { labelFontSize: 10, titleFontSize: 11, titleFontWeight: 'normal', gridColor: '#eee' },
  legend: { labelFontSize: 10, titleFontSize: 11, titleFontWeight: 'normal' },
  title: { fontSize: 13, anchor: 'start' },
};

export interface ChartSvg {
  /** Element id, unique in the page. */
  id: string;
  /** The kind of chart, also a CSS class of the <svg>: chart-timeline, chart-cdf, chart-topology. */
  kind: string;
  /** Accessible name of the chart (aria-label and <title>). */
  label: string;
  svg: string;
}

/**
 * Compile and render one chart. The root <svg> gets the chart's id, its kind as a class,
 * role="img", an aria-label and a <title>, so a reader (or a test) can find each chart.
 */
export async function renderChart(id: string, kind: string, label: string, spec: VlSpec): Promise<ChartSvg> {
  const { vega, vl } = await load();
  const logger = quietLogger();
  const compiled = vl.compile({ ...spec, config: { ...BASE_CONFIG, ...((spec.config as object | undefined) ?? {}) } }, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  try {
    const raw = await view.toSVG();
    const svg = raw.replace(
      /^<svg ([^>]*?)class="marks"([^>]*)>/,
      (_m, before: string, after: string) =>
        `<svg ${before}class="marks chart chart-${kind}" id="${escapeXml(id)}" role="img" aria-label="${escapeXml(label)}"${after}><title>${escapeXml(label)}</title>`,
    );
    if (svg === raw) throw new Error(`unexpected SVG from vega for chart ${id}`);
    return { id, kind, label, svg };
  } finally {
    view.finalize();
  }
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
