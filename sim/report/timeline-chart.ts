/**
 * One flow over time (timeseries.csv), one Vega-Lite vertical concatenation of panels sharing
 * the time axis:
 *   events      the marks of events.csv (failures, detections, the flow's failovers and
 *               failbacks, repairs): a rule each, with its label, staggered so labels do not
 *               overlap; the rules continue through every panel below;
 *   latency     mean and p99 one-way latency per interval, ms;
 *   throughput  delivered bit/s per interval in Mbps (and goodput for TCP flows);
 *   loss        packets lost per interval, %;
 *   path        the path most packets took in each interval, a band per run.
 * With one run the path also shades the background of the latency, throughput and loss
 * panels; with two (A and B) the series are coloured by run and the path strip has a row each.
 */
import { MARK_CATEGORIES, MARK_COLOURS, eventMarks, type EventMark } from './event-marks';
import { PATH_COLOURS, PATHS, RUN_COLOURS } from './chart-style';
import type { IntervalRow, ReportFlow, ReportRun } from './result-data';
import { renderChart, type ChartSvg, type VlSpec } from './vega-render';

const WIDTH = 860;
/** More intervals than this per flow are drawn in groups of consecutive intervals. */
export const MAX_POINTS = 1200;
const LABEL_ROW_PX = 11;
const LABEL_CHAR_PX = 5.2;

export interface TimelineChart extends ChartSvg {
  /** Consecutive intervals drawn as one point (1 unless the run has more than MAX_POINTS intervals). */
  groupedBy: number;
  marks: EventMark[];
}

export async function timelineChart(runs: ReportRun[], flow: ReportFlow, id: string): Promise<TimelineChart> {
  const compare = runs.length > 1;
  const endS = Math.max(...runs.map((r) => r.endS));
  const tcp = flow.kind === 'tcp' || flow.kind === 'request';
  const groupedBy = Math.max(1, ...runs.map((r) => Math.ceil(r.timeseries.filter((row) => row.flow === flow.name).length / MAX_POINTS)));

  const latency: object[] = [];
  const throughput: object[] = [];
  const loss: object[] = [];
  const bands: object[] = [];
  for (const run of runs) {
    const rows = group(run.timeseries.filter((r) => r.flow === flow.name), groupedBy);
    for (const r of rows) {
      const t = (r.timeS + r.endS) / 2;
      latency.push({ t, run: run.label, series: 'mean', ms: r.latencyMeanMs }, { t, run: run.label, series: 'p99', ms: r.latencyP99Ms });
      throughput.push({ t, run: run.label, series: 'throughput', mbps: r.throughputBps / 1e6 });
      if (tcp) throughput.push({ t, run: run.label, series: 'goodput', mbps: r.goodputBps === null ? null : r.goodputBps / 1e6 });
      loss.push({ t0: r.timeS, t1: r.endS, run: run.label, pct: r.lossPct });
    }
    bands.push(...pathBands(rows).map((b) => ({ ...b, run: run.label === '' ? 'path' : run.label })));
  }
  const marks = runs.flatMap((r) => eventMarks(r, flow.name)).sort((a, b) => a.timeS - b.timeS || a.run.localeCompare(b.run));
  const labels = placeLabels(marks, endS, compare);
  const labelRows = Math.max(1, ...labels.map((l) => l.row + 1));

  const x = { field: 't', type: 'quantitative', scale: { domain: [0, endS], nice: false, zero: true }, title: null, axis: { labels: false, ticks: false, grid: true } };
  const xBottom = { ...x, title: 'time (s)', axis: { grid: true } };
  const markData = marks.map((m) => ({ t: m.timeS, category: m.category, run: m.run, label: m.label }));
  const rules = (panel: string, legend: boolean, xAxis: object = x): VlSpec => ({
    name: `${panel}_event_rules`,
    data: { values: markData },
    mark: { type: 'rule', strokeWidth: 1.2 },
    encoding: {
      x: xAxis,
      color: { field: 'category', type: 'nominal', scale: { domain: MARK_CATEGORIES, range: MARK_CATEGORIES.map((c) => MARK_COLOURS[c]) }, legend: legend ? { title: 'event', orient: 'right' } : null },
      ...(compare ? { strokeDash: { field: 'run', type: 'nominal', scale: { domain: ['A', 'B'], range: [[1, 0], [4, 3]] }, legend: null } } : {}),
      ...(legend ? { description: { field: 'label' } } : {}),
    },
  });
  const background = (panel: string): VlSpec[] =>
    compare
      ? []
      : [
          {
            name: `${panel}_path_bands`,
            data: { values: bands },
            mark: { type: 'rect', opacity: 0.16 },
            encoding: { x: { ...x, field: 't0' }, x2: { field: 't1' }, color: { field: 'path', type: 'nominal', scale: { domain: PATHS, range: PATH_COLOURS }, legend: null } },
          },
        ];
  const seriesColour = (domain: string[], range: string[], title: string) =>
    compare
      ? {
          color: { field: 'run', type: 'nominal', scale: { domain: ['A', 'B'], range: [RUN_COLOURS.A, RUN_COLOURS.B] }, legend: { title: 'run' } },
          strokeDash: { field: 'series', type: 'nominal', scale: { domain, range: [[1, 0], [3, 2]] }, legend: { title } },
        }
      : { color: { field: 'series', type: 'nominal', scale: { domain, range }, legend: { title } } };
  const seriesDetail = compare ? { detail: { field: 'run' } } : {};

  const eventsPanel: VlSpec = {
    name: 'events',
    height: labelRows * LABEL_ROW_PX + 4,
    width: WIDTH,
    title: { text: `${flow.name} (${flow.kind}, ${flow.from} > ${flow.to})`, subtitle: `events: failures, detections, this flow's failovers and failbacks, repairs${compare ? '; run A solid, run B dashed' : ''}` },
    layer: [
      rules('events', true),
      ...(['left', 'right'] as const).map((align) => ({
        name: `event_labels_${align}`,
        data: { values: labels.filter((l) => l.align === align) },
        mark: { type: 'text', fontSize: 9, baseline: 'middle', dx: align === 'left' ? 3 : -3, align },
        encoding: {
          x,
          y: { field: 'y', type: 'quantitative', scale: { domain: [0, labelRows * LABEL_ROW_PX + 4], reverse: true }, axis: null },
          text: { field: 'text' },
          color: { field: 'category', type: 'nominal', scale: { domain: MARK_CATEGORIES, range: MARK_CATEGORIES.map((c) => MARK_COLOURS[c]) }, legend: null },
          description: { field: 'text' },
        },
      })),
    ],
    resolve: { scale: { color: 'shared' } },
  };

  const latencyPanel: VlSpec = {
    name: 'latency',
    width: WIDTH,
    height: 150,
    layer: [
      ...background('latency'),
      rules('latency', false),
      {
        name: 'latency_lines',
        data: { values: latency },
        mark: { type: 'line', strokeWidth: 1.5, interpolate: 'linear' },
        encoding: { x, y: { field: 'ms', type: 'quantitative', title: 'latency (ms)', scale: { zero: true } }, ...seriesColour(['mean', 'p99'], ['#1f4e79', '#e377c2'], 'latency'), ...seriesDetail },
      },
    ],
    resolve: { scale: { color: 'independent', strokeDash: 'independent' }, legend: { color: 'independent', strokeDash: 'independent' } },
  };

  const throughputPanel: VlSpec = {
    name: 'throughput',
    width: WIDTH,
    height: 120,
    layer: [
      ...background('throughput'),
      rules('throughput', false),
      {
        name: 'throughput_lines',
        data: { values: throughput },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x,
          y: { field: 'mbps', type: 'quantitative', title: tcp ? 'rate (Mbps)' : 'throughput (Mbps)', scale: { zero: true } },
          ...seriesColour(tcp ? ['throughput', 'goodput'] : ['throughput'], tcp ? ['#1f4e79', '#31a354'] : ['#1f4e79'], 'rate'),
          ...seriesDetail,
        },
      },
    ],
    resolve: { scale: { color: 'independent', strokeDash: 'independent' }, legend: { color: 'independent', strokeDash: 'independent' } },
  };

  const lossPanel: VlSpec = {
    name: 'loss',
    width: WIDTH,
    height: 70,
    layer: [
      ...background('loss'),
      rules('loss', false),
      {
        name: 'loss_bars',
        data: { values: loss },
        mark: { type: 'rect', opacity: compare ? 0.55 : 0.9 },
        encoding: {
          x: { ...x, field: 't0' },
          x2: { field: 't1' },
          y: { field: 'pct', type: 'quantitative', title: 'loss (%)', scale: { zero: true } },
          color: compare ? { field: 'run', type: 'nominal', scale: { domain: ['A', 'B'], range: [RUN_COLOURS.A, RUN_COLOURS.B] }, legend: null } : { value: '#d62728' },
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };

  const pathPanel: VlSpec = {
    name: 'path',
    width: WIDTH,
    height: compare ? 36 : 18,
    layer: [
      {
        name: 'path_strip',
        data: { values: bands },
        mark: { type: 'rect' },
        encoding: {
          x: { ...xBottom, field: 't0' },
          x2: { field: 't1' },
          y: { field: 'run', type: 'nominal', title: null, sort: compare ? ['A', 'B'] : ['path'] },
          color: { field: 'path', type: 'nominal', scale: { domain: PATHS, range: PATH_COLOURS }, legend: { title: 'path', orient: 'right' } },
          description: { field: 'path' },
        },
      },
      rules('path', false, xBottom),
    ],
    resolve: { scale: { color: 'independent' } },
  };

  const spec: VlSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${flow.name}: latency, throughput, loss and path over time`,
    vconcat: [eventsPanel, latencyPanel, throughputPanel, lossPanel, pathPanel],
    spacing: 6,
    resolve: { scale: { color: 'independent', strokeDash: 'independent' }, legend: { color: 'independent', strokeDash: 'independent' } },
  };
  const label = `${flow.name}: latency (mean and p99), throughput${tcp ? ' and goodput' : ''}, loss and path over time, with failures, detections, failovers and failbacks marked`;
  const chart = await renderChart(id, 'timeline', label, spec);
  return { ...chart, groupedBy, marks };
}

/** Consecutive intervals merged k at a time (k = 1: unchanged), for runs with very many intervals. */
export function group(rows: IntervalRow[], k: number): IntervalRow[] {
  if (k <= 1) return rows;
  const out: IntervalRow[] = [];
  for (let i = 0; i < rows.length; i += k) {
    const g = rows.slice(i, i + k);
    const width = (r: IntervalRow) => r.endS - r.timeS;
    const total = g.reduce((s, r) => s + width(r), 0) || 1;
    const mean = (f: (r: IntervalRow) => number | null) => {
      const v = g.map(f).filter((x): x is number => x !== null);
      return v.length === 0 ? null : v.reduce((s, x) => s + x, 0) / v.length;
    };
    const paths = new Map<string, number>();
    for (const r of g) paths.set(r.path, (paths.get(r.path) ?? 0) + width(r));
    const path = [...paths.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const p99 = g.map((r) => r.latencyP99Ms).filter((x): x is number => x !== null);
    out.push({
      timeS: g[0]!.timeS,
      endS: g[g.length - 1]!.endS,
      flow: g[0]!.flow,
      throughputBps: g.reduce((s, r) => s + r.throughputBps * width(r), 0) / total,
      goodputBps: g.some((r) => r.goodputBps !== null) ? g.reduce((s, r) => s + (r.goodputBps ?? 0) * width(r), 0) / total : null,
      latencyMeanMs: mean((r) => r.latencyMeanMs),
      latencyP99Ms: p99.length === 0 ? null : Math.max(...p99),
      lossPct: mean((r) => r.lossPct),
      path,
    });
  }
  return out;
}

/** Consecutive intervals on the same path as one band [t0, t1). */
export function pathBands(rows: IntervalRow[]): { t0: number; t1: number; path: string }[] {
  const bands: { t0: number; t1: number; path: string }[] = [];
  for (const r of rows) {
    const last = bands[bands.length - 1];
    if (last !== undefined && last.path === r.path && last.t1 === r.timeS) last.t1 = r.endS;
    else bands.push({ t0: r.timeS, t1: r.endS, path: r.path });
  }
  return bands;
}

/**
 * Each label goes on the first row where it does not run into the labels already there
 * (widths estimated from the characters, in pixels); a label that would pass the right edge is
 * drawn to the left of its rule.
 */
function placeLabels(marks: EventMark[], endS: number, compare: boolean): { t: number; y: number; row: number; text: string; category: string; align: 'left' | 'right' }[] {
  const rows: [number, number][][] = [];
  return marks.map((m) => {
    const text = compare ? `${m.run}: ${m.label}` : m.label;
    const x = (m.timeS / (endS || 1)) * WIDTH;
    const w = 3 + text.length * LABEL_CHAR_PX + 6;
    const align = x + w > WIDTH ? 'right' : 'left';
    const span: [number, number] = align === 'left' ? [x, x + w] : [x - w, x];
    let row = rows.findIndex((spans) => spans.every(([a, b]) => span[1] < a || span[0] > b));
    if (row < 0) row = rows.push([]) - 1;
    rows[row]!.push(span);
    return { t: m.timeS, y: row * LABEL_ROW_PX + LABEL_ROW_PX / 2 + 2, row, text, category: m.category, align };
  });
}
