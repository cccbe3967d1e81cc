/**
 * Heap probes for test/scale.test.ts, each run in a child process of its own:
 * `node --expose-gc dist/test/helpers/heap-probe.js flow-bytes DURATION_S` prints the heap one
 * packet flow holds after a run of that length (measured after full collections, from the
 * difference between K and 3K flows, so that what the run holds whatever its flows cancels);
 * `node dist/test/helpers/heap-probe.js build-star N` builds bench/scale-scenarios.ts's star of N
 * sites and prints its flow count (run under a capped heap, it fails if the build needs more).
 */
import { customStar } from '../../bench/scale-scenarios';
import { EventLog } from '../../sim/metrics/event-log';
import { writeTimeseries } from '../../sim/metrics/result-files';
import { ScenarioSimulation } from '../../sim/run/scenario-simulation';
import { parseScenarioText } from '../../sim/scenario/load-scenario';

/** K stores' POS flows up and voice flows down through one site, the circuit failing for a quarter of the run: delays of the ER path, the VPN and the switches between them. */
function stores(k: number, durationS: number): string {
  const flows = Array.from({ length: k }, (_, i) => [
    `  - { name: pos-${i}, kind: poisson, from: hq, to: vnet, rate: 200kbps, size: 400B }`,
    `  - { name: voice-${i}, kind: cbr, from: vnet, to: hq, rate: 80kbps, size: 200B }`,
  ]);
  return [
    'name: flow-bytes',
    'model: point-to-point',
    `duration: ${durationS}s`,
    'sites: [{ name: hq, distance: 100km }]',
    'vpn: { sku: VpnGw2 }',
    'traffic:',
    ...flows.flat(),
    `failures: [{ target: circuit, at: ${durationS / 2}s, for: ${durationS / 4}s }]`,
  ].join('\n');
}

function heapBytes(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('heap-probe: run node with --expose-gc');
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** The heap a run of `k` stores holds at its end, having written (to nowhere) a timeseries row per flow per interval as a run does. */
function heldByRun(k: number, durationS: number): { bytes: number; flows: number } {
  const before = heapBytes();
  const s = parseScenarioText(stores(k, durationS), 'flow-bytes.yaml');
  const run = new ScenarioSimulation(s, s.seed, new EventLog());
  run.start();
  const nowhere = { write: () => true };
  for (let t = 0; t < s.durationNs; t += s.intervalNs) {
    run.sim.run({ until: t + s.intervalNs - 1 });
    writeTimeseries(nowhere, run.flows, t, t + s.intervalNs);
  }
  const bytes = heapBytes() - before;
  return { bytes, flows: run.flows.length };
}

function flowBytes(durationS: number): number {
  heldByRun(2, 2);
  const few = heldByRun(50, durationS);
  const many = heldByRun(150, durationS);
  return (many.bytes - few.bytes) / (many.flows - few.flows);
}

function buildStar(sites: number): number {
  const doc = customStar(sites);
  const s = parseScenarioText(JSON.stringify(doc), `${String(doc.name)}.json`);
  return new ScenarioSimulation(s, s.seed, new EventLog()).flows.length;
}

if (require.main === module) {
  const [probe, arg] = process.argv.slice(2);
  const n = Number(arg);
  // A string: a number would be coloured when the test runner sets FORCE_COLOR.
  process.stdout.write(`${probe === 'flow-bytes' ? Math.round(flowBytes(n)) : buildStar(n)}\n`);
}
