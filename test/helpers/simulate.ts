/** Test helper (not a suite): parse a scenario text, simulate it to its end, return the live simulation. */
import { EventLog } from '../../sim/metrics/event-log';
import type { ControlEventName } from '../../sim/trace/trace-bus';
import { ScenarioSimulation } from '../../sim/run/scenario-simulation';
import { parseScenarioText } from '../../sim/scenario/load-scenario';

/** An event log that keeps its rows in memory. */
export class MemoryLog extends EventLog {
  readonly rows: { timeNs: number; event: string; subject: string; detail: string }[] = [];
  override record(timeNs: number, event: ControlEventName, subject: string, detail = ''): void {
    this.rows.push({ timeNs, event, subject, detail });
    super.record(timeNs, event, subject, detail);
  }
}

/** Build a scenario's simulation and start its sources, without running it. */
export function prepare(yaml: string, seed?: number): { run: ScenarioSimulation; log: MemoryLog } {
  const s = parseScenarioText(yaml, 'test.yaml');
  const log = new MemoryLog();
  const run = new ScenarioSimulation(s, seed ?? s.seed, log);
  run.start();
  return { run, log };
}

export function simulate(yaml: string, seed?: number): ScenarioSimulation {
  const { run } = prepare(yaml, seed);
  run.runToEnd();
  return run;
}

/** Delivered bit rate of a flow over its sending time. */
export function throughputBps(run: ScenarioSimulation, flow: string): number {
  const f = run.flows.find((x) => x.config.name === flow)!;
  return (f.stats.receivedBytes * 8 * 1e9) / (Math.min(f.config.stopNs, run.scenario.durationNs) - f.config.startNs);
}

export function link(run: ScenarioSimulation, id: string) {
  const d = run.net.links.find((l) => l.id === id);
  if (d === undefined) throw new Error(`no link direction ${id}: ${run.net.links.map((l) => l.id).join(', ')}`);
  return d;
}

/** What a link direction sent and dropped, as links.csv counts it. */
export function tally(run: ScenarioSimulation, id: string) {
  return run.linkCounters.of(link(run, id));
}
