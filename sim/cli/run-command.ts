/**
 * `ersim run FILE|DIR... [--seed N] [--out DIR] [--set path=value]... [--report] [--force]
 * [--max-events N] [--max-wall DURATION]`: simulate and write result folders (with --report,
 * report.html beside the CSVs, written into the temporary folder before it is renamed into
 * place). On a terminal a progress bar on stderr shows the simulated time, events per second
 * and the time left.
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT stop the run within a fraction of a second; its partial
 * output stays in a temporary folder (marked partial in run.json) and earlier results are left as
 * they were. A result folder replaces only a folder ersim made (any folder with --force); every
 * destination is checked before the first run.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { EventLog } from '../metrics/event-log';
import { checkFolderTarget } from '../metrics/output-target';
import { BuildCost, estimateBuild, estimateCost } from '../run/cost-estimate';
import { runScenario } from '../run/run-scenario';
import { ScenarioSimulation } from '../run/scenario-simulation';
import { writeReport } from '../report/report-page';
import { ScenarioError } from '../scenario/scenario-error';
import { parseDuration } from '../scenario/units';
import type { Scenario } from '../scenario/types';
import { buildTopology } from '../topology/build-topology';
import { OUT_FLAG, outParent } from './out-flag';
import { parseFlags } from './parse-flags';
import { runProgressBar } from './progress-bar';
import { printRunSummary } from './run-summary';
import { expandScenarioPaths, loadScenarios } from './scenario-files';
import { UsageError } from './usage-error';

/** The signals that stop a run keeping its partial output (a hang-up or quit would otherwise kill it before run.json is written); the exit code is 128 + the signal's number, as a shell reports it. */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/** A run estimated above this much wall time, output or memory is refused unless --force. */
const MAX_ESTIMATED_WALL_S = 15 * 60;
const MAX_ESTIMATED_OUTPUT_BYTES = 1024 ** 3;
/** Under Node's default heap limit (2-4 GB by machine), with room for Node itself. */
const MAX_ESTIMATED_MEMORY_BYTES = 1.5 * 1024 ** 3;

export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    seed: { type: 'string' },
    out: OUT_FLAG,
    set: { type: 'string', multiple: true, default: [] },
    force: { type: 'boolean', default: false },
    report: { type: 'boolean', default: false },
    'max-events': { type: 'string' },
    'max-wall': { type: 'string' },
  });
  const seed = values.seed === undefined ? undefined : parseSeed(values.seed);
  const maxEvents = values['max-events'] === undefined ? undefined : parseCount('--max-events', values['max-events']);
  const maxWallMs = values['max-wall'] === undefined ? undefined : parseWall(values['max-wall']);
  const scenarios = loadScenarios(expandScenarioPaths(positionals), values.set);
  const sims = checkTopologies(scenarios, seed, values.force);
  const names = new Set<string>();
  for (const s of scenarios) {
    if (names.has(s.name)) throw new UsageError(`two scenarios are named "${s.name}"; they would write the same result folder`);
    names.add(s.name);
  }
  if (!values.force) refuseCostly(sims);
  const out = outParent(values.out);
  for (const s of scenarios) checkFolderTarget(path.join(out, s.name), values.force);

  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => abort.abort(signal);
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  const progress = runProgressBar();
  try {
    for (const s of scenarios) {
      const started = process.hrtime.bigint();
      const outDir = path.join(out, s.name);
      progress.start(s.name, s.durationNs);
      let reportS = 0;
      const report = async (dir: string) => {
        const t0 = process.hrtime.bigint();
        await writeReport([dir], path.join(dir, 'report.html'), { sources: [outDir] });
        reportS = Number(process.hrtime.bigint() - t0) / 1e9;
      };
      const result = await runScenario(s, {
        outDir,
        force: values.force,
        signal: abort.signal,
        onProgress: progress.update,
        ...(values.report ? { beforeCommit: report } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(maxEvents !== undefined ? { maxEvents } : {}),
        ...(maxWallMs !== undefined ? { maxWall: { ms: maxWallMs, clockMs: () => Date.now() } } : {}),
      }).finally(progress.clear);
      if (result.stopped !== undefined) {
        console.error(`ersim run: ${s.name} stopped early: ${result.stopped}.\nPartial output (marked partial in its run.json): ${path.resolve(result.partialDir ?? '')}\n${outDir} was left as it was.`);
        const reason: unknown = abort.signal.reason;
        return STOP_SIGNALS.includes(reason as NodeJS.Signals) ? 128 + os.constants.signals[reason as NodeJS.Signals] : 2;
      }
      // The wall time of the simulation alone; the report's is shown on its own line.
      printRunSummary(result, Number(process.hrtime.bigint() - started) / 1e9 - reportS);
      if (values.report) console.log(`report: ${path.join(outDir, 'report.html')} (${reportS.toFixed(2)} s)`);
    }
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
  return 0;
}

/**
 * Every topology check of every scenario passes before the first run writes anything; all
 * problems are reported together. Unless forced, a network that would not fit in memory is
 * refused before it is built (building it is what would exhaust the heap).
 */
function checkTopologies(scenarios: Scenario[], seed: number | undefined, force: boolean): ScenarioSimulation[] {
  const issues: ScenarioError['issues'] = [];
  const sims = scenarios.flatMap((s) => {
    try {
      if (!force) refuseCostlyBuild(s, estimateBuild(s, buildTopology(s)));
      return [new ScenarioSimulation(s, seed ?? s.seed, new EventLog())];
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      issues.push(...err.issues);
      return [];
    }
  });
  if (issues.length > 0) throw new ScenarioError(issues);
  return sims;
}

/** Memory only: the time of the route computations counts in the estimate after the build (refuseCostly). */
function refuseCostlyBuild(s: Scenario, build: BuildCost): void {
  if (build.memoryBytes <= MAX_ESTIMATED_MEMORY_BYTES) return;
  throw new UsageError(
    `${s.file}: ${s.name} would hold about ${formatBytes(build.memoryBytes)} of memory once built ` +
      `(${build.nodes} nodes, ${build.destinations} flow destinations, ${s.traffic.length} flows; the memory limit is ${formatBytes(MAX_ESTIMATED_MEMORY_BYTES)}).\n` +
      `Options: --force to run it anyway; fewer sites; fewer flows, or fewer distinct sites they end at (every node keeps a route to each).`,
  );
}

function refuseCostly(sims: ScenarioSimulation[]): void {
  for (const sim of sims) {
    const cost = estimateCost(sim);
    const over = [
      cost.wallS > MAX_ESTIMATED_WALL_S ? `the time limit is ${formatWall(MAX_ESTIMATED_WALL_S)}` : '',
      cost.outputBytes > MAX_ESTIMATED_OUTPUT_BYTES ? `the output limit is ${formatBytes(MAX_ESTIMATED_OUTPUT_BYTES)}` : '',
      cost.memoryBytes > MAX_ESTIMATED_MEMORY_BYTES ? `the memory limit is ${formatBytes(MAX_ESTIMATED_MEMORY_BYTES)}` : '',
    ].filter((o) => o !== '');
    if (over.length === 0) continue;
    const s = sim.scenario;
    throw new UsageError(
      `${s.file}: ${s.name} would take about ${Math.round(cost.events).toExponential(2)} events, ${formatWall(cost.wallS)} on this machine, ` +
        `${formatBytes(cost.outputBytes)} of result files and ${formatBytes(cost.memoryBytes)} of memory (${over.join('; ')}).\n` +
        `Options: --force to run it anyway; a shorter duration (--set duration=...); a longer interval; lower rates, fewer flows or rarer failures; --max-wall to stop it early with partial output.`,
    );
  }
}

function formatWall(s: number): string {
  return s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(0)} s`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

function parseSeed(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n > 0xffffffff) throw new UsageError(`--seed: expected an integer 0..4294967295, found "${text}"`);
  return n;
}

function parseCount(flag: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag}: expected a whole number above 0, found "${text}"`);
  return n;
}

function parseWall(text: string): number {
  const ns = parseDuration(text);
  if (ns === undefined || ns <= 0) throw new UsageError(`--max-wall: expected a duration such as "30s" or "10min", found "${text}"`);
  return ns / 1e6;
}
