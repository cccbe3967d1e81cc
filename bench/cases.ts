/**
 * Benchmark cases, each run in a fresh process by bench/run.ts so that its peak memory is its
 * own. Run directly as `node dist/bench/cases.js NAME` it prints one JSON line of measures.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RandomStreams } from '../sim/kernel/random';
import { Simulator } from '../sim/kernel/simulator';
import { txTimeNs } from '../sim/kernel/time';
import { runScenario } from '../sim/run/run-scenario';
import { ScenarioSimulation } from '../sim/run/scenario-simulation';
import { EventLog } from '../sim/metrics/event-log';
import { loadScenarioFile, parseScenarioText } from '../sim/scenario/load-scenario';
import type { Scenario } from '../sim/scenario/types';
import { buildChain, HopSpec } from '../test/helpers/chain';
import { runStarted } from '../test/helpers/run-started';
import { anyToAnyStores, customStar, manyFlows } from './scale-scenarios';

export interface Measures {
  [measure: string]: number;
}

/** The classic hold model: pop the earliest event, schedule one at now + Exp(mean). */
function kernelHold(pending: number): Measures {
  const sim = new Simulator();
  const rng = new RandomStreams(1).stream('hold');
  const mean = 1e6;
  const total = Math.max(2_000_000, pending * 3);
  let left = total;
  const hold = (): void => {
    if (--left > 0) sim.schedule(Math.round(rng.exponential(mean)), hold);
  };
  for (let i = 0; i < pending; i++) sim.schedule(Math.round(rng.exponential(mean)), hold);
  const t0 = process.hrtime.bigint();
  sim.run({ maxEvents: total });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return { events_per_s: sim.executed / s, wall_s: s };
}

/** premises, provider, MSEE, gateway, VNet: four 10 Gbps links with 0.1, 2, 0.05, 0.5 ms of delay. */
function chain(firstBps: number, rateBps: number, durationNs: number): Measures {
  const hops: HopSpec[] = [
    { capacityBps: firstBps, delayNs: 100_000 },
    { capacityBps: 10e9, delayNs: 2_000_000 },
    { capacityBps: 10e9, delayNs: 50_000 },
    { capacityBps: 10e9, delayNs: 500_000 },
  ];
  const size = 1500;
  const { sim, stats, source } = buildChain(hops, { kind: 'cbr', rateBps, sizeBytes: size, stopNs: durationNs });
  const expected = hops.reduce((sum, h) => sum + txTimeNs(size, h.capacityBps) + h.delayNs, 0);
  let wrong = 0;
  stats.onDelivered = (_p, d) => {
    if (d !== expected) wrong++;
  };
  source.start();
  const t0 = process.hrtime.bigint();
  sim.run();
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (wrong > 0 || stats.receivedPackets !== stats.sentPackets) throw new Error(`chain: ${wrong} packets off the analytic delay ${expected} ns`);
  return {
    packet_hops_per_s: (stats.receivedPackets * hops.length) / s,
    events_per_s: sim.executed / s,
    packets: stats.receivedPackets,
    wall_s: s,
  };
}

/** A long run with failures every few minutes: its peak memory must not grow with simulated time. */
const SOAK = `
name: soak
model: point-to-point
duration: 60min
interval: 10s
circuit: { bfd: true }
sites: [{ name: dc, distance: 80km }]
vpn: { sku: VpnGw1 }
traffic:
  - { name: voice, kind: cbr, from: dc, to: vnet, rate: 80kbps, size: 200B }
  - { name: data, kind: poisson, from: dc, to: vnet, rate: 10Mbps, size: 1000B }
  - { name: reads, kind: poisson, from: vnet, to: dc, rate: 5Mbps, size: 1000B }
failures:
  - { target: primary, mtbf: 5min, mttr: 1min }
  - { target: secondary, mtbf: 7min, mttr: 1min }
  - { target: circuit, mtbf: 20min, mttr: 2min }
`;

async function timedRun(s: Scenario): Promise<Measures> {
  const t0 = process.hrtime.bigint();
  const dir = path.join(os.tmpdir(), `ersim-bench-${process.pid}`);
  const r = await runScenario(s, { outDir: path.join(dir, s.name) });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.rmSync(dir, { recursive: true, force: true });
  return { events_per_s: r.events / wall, wall_s: wall };
}

/**
 * chain-perf's chain as `bench/cli-chain-perf.yaml`, run by `runScenario` as `ersim run` calls it,
 * every result file written. Timed: the `runScenario` call alone (building the network, the
 * simulation in its slices, the per-packet metrics, writing the four CSV files and run.json,
 * renaming the folder into place); not timed: process start, module loading, reading and
 * checking the scenario file. Packet-hops are links.csv's tx_packets summed over the links.
 * The process's CPU time over the same call gives a second figure, per CPU second.
 */
async function cliChain(): Promise<Measures> {
  const s = loadScenarioFile(path.join('bench', 'cli-chain-perf.yaml'));
  const dir = path.join(os.tmpdir(), `ersim-bench-${process.pid}`);
  const outDir = path.join(dir, s.name);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const r = await runScenario(s, { outDir, signal: new AbortController().signal, onProgress: () => {} });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const [header, ...rows] = fs.readFileSync(path.join(outDir, 'links.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  fs.rmSync(dir, { recursive: true, force: true });
  const column = (name: string) => rows.reduce((sum, row) => sum + Number(row[header!.indexOf(name)]), 0);
  if (column('drops_gateway') + column('drops_queue') > 0) throw new Error('cli-chain-perf: the chain dropped packets; the gateway caps must not bind');
  const hops = column('tx_packets');
  // Per CPU second as well: on a machine shared with other work it moves less than the wall-time figure.
  return { packet_hops_per_s: hops / wall, packet_hops_per_cpu_s: hops / ((cpu.user + cpu.system) / 1e6), events_per_s: r.events / wall, packet_hops: hops, wall_s: wall };
}

/**
 * How soon `ersim run` stops on SIGINT (robustness.test.ts checks that it stops and what it
 * leaves; the time is measured here): a 600 s scenario of 500 Mbps Poisson packets is signalled
 * 1 s after its simulation starts; the time from the signal to the process's exit, and the peak memory
 * the process had reached when signalled (its VmHWM).
 */
async function sigintLatency(): Promise<Measures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-bench-sigint-'));
  fs.writeFileSync(
    path.join(dir, 'long.yaml'),
    'name: long\nmodel: point-to-point\nduration: 600s\nsites: [{ name: hq }]\ntraffic: [{ name: data, kind: poisson, from: hq, to: vnet, rate: 500Mbps, size: 1000B }]\n',
  );
  const child = spawn(process.execPath, [path.resolve('bin/ersim.js'), 'run', 'long.yaml', '--force'], { cwd: dir, stdio: 'ignore' });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  await runStarted(path.join(dir, 'results'), 'long');
  await new Promise((r) => setTimeout(r, 1000));
  const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
  const t0 = process.hrtime.bigint();
  child.kill('SIGINT');
  const code = await exited;
  const stopMs = Number(process.hrtime.bigint() - t0) / 1e6;
  fs.rmSync(dir, { recursive: true, force: true });
  if (code !== 130) throw new Error(`sigint-latency: ersim run exited ${code}, not 130`);
  return { stop_ms: stopMs, child_peak_rss_mb: hwmKb / 1024 };
}

/** A generated scenario document (bench/scale-scenarios.ts), resolved as a file of that name would be. */
function generated(document: Record<string, unknown>): Scenario {
  return parseScenarioText(JSON.stringify(document), `${String(document.name)}.json`);
}

/**
 * Build a generated scenario without running it: resolve it, then its topology, routes and
 * flows (ScenarioSimulation's constructor). Timed: both; the heap is what the built run holds.
 */
function build(document: Record<string, unknown>): Measures {
  const t0 = process.hrtime.bigint();
  const s = generated(document);
  const run = new ScenarioSimulation(s, s.seed, new EventLog());
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  return { build_s: wall, heap_mb: process.memoryUsage().heapUsed / 2 ** 20, flows: run.flows.length };
}

async function bundled(file: string, sets: string[] = []): Promise<Measures> {
  return timedRun(loadScenarioFile(path.join('scenarios', file), sets));
}

export const CASES: Record<string, () => Measures | Promise<Measures>> = {
  'kernel-hold-100': () => kernelHold(100),
  'kernel-hold-10000': () => kernelHold(10_000),
  'kernel-hold-1000000': () => kernelHold(1_000_000),
  'chain-perf': () => chain(10e9, 5e9, 5e9),
  'chain-cbr': () => chain(1e9, 500e6, 10e9),
  'cli-chain-perf': cliChain,
  'sigint-latency': sigintLatency,
  'memory-flat-10s': () => bundled('failover-circuit-bfd.yaml', ['duration=10s', 'failures[0].at=5s']),
  'memory-flat-100s': () => bundled('failover-circuit-bfd.yaml', ['duration=100s']),
  'soak-10min': () => timedRun(parseScenarioText(SOAK, 'soak.yaml', ['duration=10min'])),
  'soak-60min': () => timedRun(parseScenarioText(SOAK, 'soak.yaml')),
  // 100 Gbps Direct, 60 s: fluid bulk near line rate, packet voice and probes, a circuit failure at 30 s (issue 7: under 60 s wall).
  'direct-100g': () => timedRun(loadScenarioFile(path.join('bench', 'direct-100g.yaml'))),
  // Issue 17: building thousands of sites (under 10 s and 500 MB for 3,000), and the cost of a flow beyond its packets (2,000 flows at least 70 % of 20's events per second).
  'build-any-to-any-400': () => build(anyToAnyStores(400)),
  'build-any-to-any-1200': () => build(anyToAnyStores(1200)),
  'build-star-3000': () => build(customStar(3000)),
  'flows-20': () => timedRun(generated(manyFlows(20))),
  'flows-2000': () => timedRun(generated(manyFlows(2000))),
  // The 400 stores of issue 17 as a user had to write them: a flow up and one down each, a circuit failure, 300 s.
  'any-to-any-400': () => timedRun(generated(anyToAnyStores(400))),
  // 1,000 stores as a group, 10 min simulated (issue 17 item 6: under 5 min wall and 1 GB peak).
  'retail-1000': () => timedRun(loadScenarioFile(path.join('bench', 'retail-1000.yaml'))),
};

export async function runCase(name: string): Promise<Measures> {
  const run = CASES[name] ?? (name.startsWith('bundled:') ? () => bundled(name.slice('bundled:'.length)) : undefined);
  if (run === undefined) throw new Error(`no benchmark case "${name}"`);
  const m = await run();
  return { ...m, peak_rss_mb: process.resourceUsage().maxRSS / 1024 };
}

if (require.main === module) {
  runCase(process.argv[2]!).then(
    (m) => console.log(JSON.stringify(m)),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
