import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runProgressLine } from '../sim/cli/progress-bar';
import { PATH_COLOURS, PATHS, RUN_COLOURS } from '../sim/report/chart-style';
import { buildReport } from '../sim/report/report-page';
import { readReportRun } from '../sim/report/result-data';
import { layoutTopology } from '../sim/report/topology-chart';
import { spawnErsim } from './helpers/cli';
import { failoverScenarios, quickSets, runInto } from './helpers/report-runs';

/**
 * The HTML report of every bundled failover scenario holds the charts and marks it promises,
 * found in its SVG (ids, classes Vega gives each named layer, aria-labels, texts), not guessed
 * from its size; a comparison of two runs holds both runs' series.
 */
const report = suite('ersim report');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-report-'));
/** Result folder and report page of each failover scenario, made once. */
const made = new Map<string, { dir: string; html: string }>();

/** The <svg> element with this id (Vega's SVG has no nested <svg>). */
function svgById(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `no chart with id ${id}`);
  const open = html.lastIndexOf('<svg', start);
  const end = html.indexOf('</svg>', start);
  return html.slice(open, end + 6);
}

/**
 * The groups Vega draws for a named Vega-Lite layer (class "<name>_marks"), each up to the next
 * mark group; a line layer with several series has one group per series.
 */
function layer(svg: string, name: string): string {
  const groups: string[] = [];
  for (let at = svg.indexOf(`${name}_marks"`); at >= 0; at = svg.indexOf(`${name}_marks"`, at + 1)) {
    const next = svg.indexOf('class="mark-', at + 1);
    groups.push(svg.slice(at, next < 0 ? undefined : next));
  }
  assert.ok(groups.length > 0, `no layer ${name}`);
  return groups.join('\n');
}

report.before(async () => {
  for (const file of failoverScenarios()) {
    const dir = await runInto(file, tmp, quickSets(file));
    made.set(path.basename(file, '.yaml'), { dir, html: await buildReport([dir]) });
  }
});

report('every bundled failover scenario is covered', () => {
  assert.ok(made.size >= 6, `only ${made.size} failover scenarios`);
});

report('each report is one self-contained page: inline SVG and CSS, no script, no external resource', () => {
  for (const [name, { html }] of made) {
    assert.match(html, /^<!DOCTYPE html>/, name);
    assert.not.match(html, /<script/i, `${name}: a script`);
    assert.not.match(html, /<link\b/i, `${name}: a linked resource`);
    assert.not.match(html, /(src|href)="(?!#)/i, `${name}: an external src or href`);
    assert.not.match(html, /@import|url\(/i, `${name}: an external style resource`);
    assert.not.match(html, /<image\b/i, `${name}: an image`);
  }
});

report('topology: every node named, links labelled with capacity, the elements that failed highlighted', () => {
  for (const [name, { dir, html }] of made) {
    const run = readReportRun(dir);
    const svg = svgById(html, 'topology-graph');
    assert.match(svg, /class="marks chart chart-topology"/);
    const names = layer(svg, 'topology_node_names');
    for (const node of run.topology.nodes()) assert.ok(names.includes(`>${node}</text>`), `${name}: node ${node} is not named`);
    const labels = layer(svg, 'topology_link_labels');
    assert.ok(labels.includes('>400 Gbps</text>'), `${name}: no capacity label`);
    const downLinks = new Set(run.events.filter((e) => e.event === 'link_down').map((e) => e.subject));
    const downNodes = new Set(run.events.filter((e) => e.event === 'node_down').map((e) => e.subject));
    assert.ok(downLinks.size + downNodes.size > 0, `${name}: nothing failed`);
    const failedLinks = layer(svg, 'topology_failed_links');
    for (const l of downLinks) assert.ok(failedLinks.includes(`aria-label="${l}"`), `${name}: failed link ${l} not highlighted`);
    const failedNodes = layer(svg, 'topology_failed_nodes');
    for (const n of downNodes) assert.ok(failedNodes.includes(`aria-label="${n}"`), `${name}: failed node ${n} not highlighted`);
    // Only what failed is drawn red and dashed.
    assert.is((failedLinks.match(/<line /g) ?? []).length, downLinks.size, name);
    assert.match(svg, /aria-label="topology of [^"]*went down during the run: /);
  }
});

report('topology layout: columns by role, left to right, the same every time', () => {
  const run = readReportRun(made.get('failover-circuit-bfd')!.dir);
  const places = layoutTopology(run.topology);
  const col = (id: string) => places.find((p) => p.id === id)!.column;
  assert.ok(col('dc') < col('provider-switch-primary'));
  assert.ok(col('provider-switch-primary') < col('msee-primary'));
  assert.ok(col('msee-primary') < col('er-gateway'));
  assert.ok(col('er-gateway') < col('vnet'));
  assert.is(col('vpn-gateway'), col('er-gateway'));
  assert.equal(layoutTopology(run.topology), places);
});

report('per flow: a timeline with latency mean and p99, throughput, loss per interval, path bands, and a latency CDF', () => {
  for (const [name, { dir, html }] of made) {
    const run = readReportRun(dir);
    run.flows.forEach((flow, i) => {
      const tl = svgById(html, `timeline-${i}`);
      assert.match(tl, /class="marks chart chart-timeline"/);
      assert.match(tl, new RegExp(`aria-label="${flow.name}: latency \\(mean and p99\\), throughput`));
      for (const l of ['latency_lines', 'throughput_lines', 'loss_bars', 'path_strip', 'latency_path_bands', 'throughput_path_bands', 'loss_path_bands']) layer(tl, l);
      assert.ok(tl.includes('>latency (ms)</text>') && tl.includes('>loss (%)</text>') && tl.includes('>time (s)</text>'), `${name}/${flow.name}: axis titles`);
      assert.ok(tl.includes('>mean</text>') && tl.includes('>p99</text>'), `${name}/${flow.name}: mean and p99 series`);
      // The bands are coloured by the paths the flow took: one colour per path of timeseries.csv.
      const bands = layer(tl, 'latency_path_bands');
      const strip = layer(tl, 'path_strip');
      for (const p of new Set(run.timeseries.filter((r) => r.flow === flow.name).map((r) => r.path))) {
        const colour = PATH_COLOURS[PATHS.indexOf(p as (typeof PATHS)[number])]!;
        assert.ok(bands.includes(`fill="${colour}"`), `${name}/${flow.name}: no ${p} band`);
        assert.ok(strip.includes(`aria-label="${p}"`), `${name}/${flow.name}: no ${p} in the path strip`);
      }
      const cdf = svgById(html, `cdf-${i}`);
      assert.match(cdf, /class="marks chart chart-cdf"/);
      layer(cdf, 'latency_cdf');
      assert.ok(cdf.includes('CDF of per-interval mean latency, not per packet'), `${name}/${flow.name}: the CDF says what it is`);
    });
  }
});

report('event marks: failures, detections, and each flow\'s failovers and failbacks, as rules with labels', () => {
  for (const [name, { dir, html }] of made) {
    const run = readReportRun(dir);
    run.flows.forEach((flow, i) => {
      const tl = svgById(html, `timeline-${i}`);
      const rules = layer(tl, 'events_event_rules');
      const labels = layer(tl, 'event_labels_left') + layer(tl, 'event_labels_right');
      assert.match(rules, /<line aria-label="failure: /, `${name}/${flow.name}: no failure rule`);
      assert.match(labels, />failure: [^<]+<\/text>/, `${name}/${flow.name}: no failure label`);
      if (run.events.some((e) => ['bfd_down', 'hold_expired', 'dpd_timeout', 'bgp_withdraw'].includes(e.event))) {
        assert.match(rules, /<line aria-label="(BFD|hold timer|DPD|BGP withdraw) /, `${name}/${flow.name}: no detection rule`);
      }
      for (const kind of ['failover', 'failback']) {
        const own = run.events.filter((e) => e.event === kind && e.subject === flow.name);
        if (own.length === 0) {
          assert.not.ok(rules.includes(`aria-label="${kind} `), `${name}/${flow.name}: another flow's ${kind}`);
          continue;
        }
        assert.ok(rules.includes(`aria-label="${kind} ${own[0]!.detail.replace(/>/g, '&gt;')}`), `${name}/${flow.name}: no ${kind} rule for ${own[0]!.detail}`);
        assert.ok(labels.includes(`>${kind} ${own[0]!.detail.replace(/>/g, '&gt;')}`), `${name}/${flow.name}: no ${kind} label`);
      }
      // The rules run through the latency, throughput, loss and path panels too.
      for (const panel of ['latency', 'throughput', 'loss', 'path']) assert.match(layer(tl, `${panel}_event_rules`), /<line /);
    });
  }
  // The circuit failure: at 20 s, detected by BFD, voice-up fails over to the VPN and back.
  const { html } = made.get('failover-circuit-bfd')!;
  const voice = svgById(html, 'timeline-0');
  assert.ok(voice.includes('>failure: circuit</text>'));
  assert.ok(voice.includes('>failover er-primary -&gt; vpn</text>'));
  assert.match(voice, />failback vpn -&gt; er-primary/);
  assert.ok(voice.includes('>repair: circuit</text>'));
  assert.match(voice, />BFD er-(primary|secondary):dc</);
});

report('the summary table and the scenario as run', () => {
  for (const [name, { dir, html }] of made) {
    const run = readReportRun(dir);
    const table = html.slice(html.indexOf('<table class="summary">'), html.indexOf('</table>', html.indexOf('<table class="summary">')));
    for (const f of run.flows) assert.ok(table.includes(`<td>${f.name}</td>`), `${name}: ${f.name} not in the summary table`);
    for (const col of ['loss_pct', 'throughput Mbps', 'latency_p99_ms', 'outage_ms', 'vpn_share_pct']) assert.ok(table.includes(`<th>${col}</th>`), `${name}: column ${col}`);
    const yaml = html.slice(html.indexOf('<pre class="scenario">'));
    assert.ok(yaml.includes(`name: ${name}\n`), `${name}: scenario YAML`);
    assert.match(yaml, /failures:\n\s+- target: /);
    // The --set edits made the rates smaller: the page shows the scenario as run.
    for (const set of quickSets(path.join('scenarios', `${name}.yaml`))) assert.ok(yaml.includes(`rate: ${set.split('=')[1]}`), `${name}: ${set}`);
  }
});

report('the same folder gives the same bytes', async () => {
  const { dir, html } = made.get('failover-one-leg')!;
  assert.ok((await buildReport([dir])) === html);
});

report('report A B: both runs overlaid, series coloured by run', async () => {
  const a = made.get('failover-circuit-bfd')!.dir;
  const b = made.get('failover-circuit-no-bfd')!.dir;
  const html = await buildReport([a, b]);
  assert.ok(html.includes('ersim report: failover-circuit-bfd vs failover-circuit-no-bfd'));
  svgById(html, 'topology-graph-A');
  svgById(html, 'topology-graph-B');
  const tl = svgById(html, 'timeline-0');
  const lines = layer(tl, 'latency_lines');
  assert.ok(lines.includes(`stroke="${RUN_COLOURS.A}"`) && lines.includes(`stroke="${RUN_COLOURS.B}"`), 'both runs\' latency');
  const tput = layer(tl, 'throughput_lines');
  assert.ok(tput.includes(`stroke="${RUN_COLOURS.A}"`) && tput.includes(`stroke="${RUN_COLOURS.B}"`), 'both runs\' throughput');
  const strip = layer(tl, 'path_strip');
  assert.ok(tl.includes('>A</text>') && tl.includes('>B</text>'), 'a path row per run');
  assert.match(strip, /aria-label="vpn"/);
  const labels = layer(tl, 'event_labels_left') + layer(tl, 'event_labels_right');
  assert.ok(labels.includes('>A: failure: circuit</text>') && labels.includes('>B: failure: circuit</text>'));
  assert.match(labels, />A: BFD /);
  assert.match(labels, />B: hold timer /);
  const cdf = layer(svgById(html, 'cdf-0'), 'latency_cdf');
  assert.ok(cdf.includes(`stroke="${RUN_COLOURS.A}"`) && cdf.includes(`stroke="${RUN_COLOURS.B}"`), 'both runs\' CDF');
  assert.match(html, /<tr class="run-A"><td>A<\/td><td>voice-up<\/td>/);
  assert.match(html, /<tr class="run-B"><td>B<\/td><td>voice-up<\/td>/);
});

report('through the command line: report DIR, report A B --out, run --report; bad usage exits 2', () => {
  const dir = made.get('failover-vpn-too-small')!.dir;
  const r = spawnErsim(['report', dir], tmp);
  assert.is(r.code, 0, r.err);
  assert.ok(fs.readFileSync(path.join(dir, 'report.html'), 'utf8') === made.get('failover-vpn-too-small')!.html);
  const out = path.join(tmp, 'ab.html');
  const ab = spawnErsim(['report', made.get('failover-circuit-bfd')!.dir, made.get('failover-circuit-no-bfd')!.dir, '--out', out], tmp);
  assert.is(ab.code, 0, ab.err);
  assert.match(fs.readFileSync(out, 'utf8'), /id="topology-graph-B"/);

  const missing = spawnErsim(['report', path.join(tmp, 'nowhere')], tmp);
  assert.is(missing.code, 2);
  assert.match(missing.err, /nowhere.*expected a result folder/);
  assert.not.match(missing.err, /\n\s+at /);
  assert.is(spawnErsim(['report'], tmp).code, 2);
  assert.is(spawnErsim(['report', 'a', 'b', 'c'], tmp).code, 2);

  // run --report: report.html is in the result folder beside the CSVs, nothing left behind; no progress bar off a terminal.
  const file = path.join(tmp, 'tiny.yaml');
  fs.writeFileSync(file, fs.readFileSync('scenarios/failover-vpn-too-small.yaml', 'utf8').replace('duration: 40s', 'duration: 12s').replace('rate: 300Mbps', 'rate: 5Mbps'));
  const run = spawnErsim(['run', file, '--report', '--out', path.join(tmp, 'cli')], tmp);
  assert.is(run.code, 0, run.err);
  assert.is(run.err, '', 'stderr is silent when it is not a terminal');
  assert.equal(fs.readdirSync(path.join(tmp, 'cli')), ['failover-vpn-too-small']);
  assert.equal(fs.readdirSync(path.join(tmp, 'cli', 'failover-vpn-too-small')).sort(), ['.ersim-output', 'events.csv', 'links.csv', 'report.html', 'run.json', 'summary.csv', 'timeseries.csv']);
  assert.match(run.out, /report: .*failover-vpn-too-small.report\.html/);
});

report('progress bar: simulated time, events per second, time left; drawn on a terminal only', () => {
  const line = runProgressLine('x', 30e9, 120e9, 6e6, 2000);
  assert.is(line, 'x [#####...............] 30.0/120 s simulated  3.0M events/s  ETA 00:06');
  assert.match(runProgressLine('x', 0, 120e9, 0, 0), /ETA --:--/);
  // On a narrow terminal the bar goes first.
  assert.is(runProgressLine('x', 30e9, 120e9, 6e6, 2000, 60), 'x 30.0/120 s simulated  3.0M events/s  ETA 00:06');
  // A real terminal (script(1) gives the command a pseudo-terminal): the bar shows, then is cleared.
  const file = path.join(tmp, 'tiny.yaml');
  const sh = `stty cols 200; ${JSON.stringify(process.execPath)} ${JSON.stringify(path.resolve('bin/ersim.js'))} run ${JSON.stringify(file)} --out ${JSON.stringify(path.join(tmp, 'tty'))} 1>/dev/null`;
  const env = { ...process.env };
  delete env.CI;
  const r = spawnSync('script', ['-qec', sh, '/dev/null'], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error !== undefined) return; // no script(1): the formatting above is still checked
  assert.is(r.status, 0, r.stdout);
  assert.match(r.stdout, /failover-vpn-too-small \[[#.]+\] [\d.]+\/12\.0 s simulated {2}[\d.]+[kM]? events\/s {2}ETA /);
  assert.ok(r.stdout.includes('\r\x1b[K'), 'the bar is cleared at the end');
});

report.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
report.run();
