/**
 * `ersim decide` end to end, below the command line: generate every design's scenarios, check
 * them all, review each design (the rules of `ersim review`), run each failure case over the seeds on the sweep's worker pool, run each design's
 * availability study, and write the output folder (decide.csv, decide.json, the scenarios as
 * YAML, decide.html) through a temporary folder renamed into place when complete. Nothing here
 * prints: progress goes to callbacks and problems are thrown (ScenarioError).
 *
 * Common random numbers: every design runs with the same seeds, and every random stream is named
 * per component (a flow's arrivals, a link's loss), so the same flow draws the same packets in
 * every model: the differences between rows are the models', not the dice's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CsvFile } from '../metrics/csv-file';
import { EventLog } from '../metrics/event-log';
import { checkFolderTarget } from '../metrics/output-target';
import { ResultFolder } from '../metrics/result-folder';
import { ScenarioSimulation } from '../run/scenario-simulation';
import { parseScenarioText } from '../scenario/load-scenario';
import { ScenarioError } from '../scenario/scenario-error';
import type { Scenario } from '../scenario/types';
import { runAvailabilityStudy } from '../study/availability-study';
import { BASE_LABEL, type SweepRun } from '../study/sweep-plan';
import { openSweepPool } from '../study/sweep-runner';
import type { Finding } from '../review/finding';
import { reviewScenario } from '../review/review-scenario';
import { ERSIM_VERSION } from '../version';
import { monthlyCost } from './cost';
import { DECIDE_HEADERS, decideCells } from './decide-csv';
import { designScenario, FAILURE_CASES, scenarioYaml, studyDesigns, type Design, type FailureCase } from './design-scenarios';
import { availabilityVerdict, caseFigures, caseVerdicts, overall, type CaseFigures, type CaseVerdicts, type Verdict } from './figures';
import type { Study } from './load-study';
import { STUDY_DEFAULTS } from './study-schema';

export interface DecideOptions {
  study: Study;
  seeds: number[];
  workers: number;
  outDir: string;
  /** Replace `outDir` even when it is a folder ersim did not make. */
  force?: boolean;
  /** Writes the output folder's HTML page; called with the finished results before the folder is committed. */
  writePage?: (file: string, result: DecideResult) => Promise<void>;
  onStart?: (runs: number, workers: number) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface DesignAvailability {
  /** The site with the lowest availability. */
  site: string;
  pct: number;
  downtimeMinPerYear: number;
}

export interface DecideRow {
  design: Design;
  failureCase: FailureCase;
  figures: CaseFigures;
  verdicts: CaseVerdicts;
  availability: DesignAvailability | undefined;
  availabilityVerdict: Verdict;
  costPerMonth: number | undefined;
  all: Verdict;
}

export interface DecideResult {
  study: Study;
  seeds: number[];
  designs: Design[];
  rows: DecideRow[];
  /** The design review of each design's scenario under normal operation, errors first. */
  reviews: Map<Design, Finding[]>;
  /** Each generated scenario's file, relative to the output folder, by scenario name. */
  scenarioFiles: Map<string, string>;
  runs: number;
  workers: number;
}

interface Generated {
  design: Design;
  failureCase: FailureCase | 'availability';
  /** As the user would name it: under the output folder. */
  file: string;
  text: string;
  scenario: Scenario;
}

export async function runDecide(opts: DecideOptions): Promise<DecideResult> {
  const { study, seeds } = opts;
  // Before hours of runs: the output folder must be one ersim may replace.
  checkFolderTarget(opts.outDir, opts.force ?? false);
  const designs = studyDesigns(study);
  const generated = generateAll(study, designs, seeds[0]!, opts.outDir);
  const runnable = generated.filter((g) => g.failureCase !== 'availability');
  const reviews = new Map(generated.filter((g) => g.failureCase === 'normal').map((g) => [g.design, reviewScenario(g.scenario)]));
  const total = runnable.length * seeds.length;
  const pool = openSweepPool(Math.min(opts.workers, total));
  let values: Map<Generated, Awaited<ReturnType<typeof pool.run>>>;
  try {
    opts.onStart?.(total, pool.workers);
    let done = 0;
    const runs: SweepRun[] = seeds.map((seed, index) => ({ index, seed, config: { index: 0, label: BASE_LABEL, values: [], sets: [] } }));
    const results = await Promise.all(runnable.map((g) => pool.run(g.text, g.file, runs, () => opts.onProgress?.(++done, total))));
    values = new Map(runnable.map((g, i) => [g, results[i]!]));
  } finally {
    await pool.close();
  }

  const availability = new Map<Design, DesignAvailability>();
  for (const g of generated) if (g.failureCase === 'availability') availability.set(g.design, designAvailability(study, g.scenario, seeds[0]!));

  const rows: DecideRow[] = runnable.map((g) => {
    const figures = caseFigures(values.get(g)!.map((r) => r.values), study.requirements);
    const verdicts = caseVerdicts(figures, study.requirements);
    const a = availability.get(g.design);
    const av = availabilityVerdict(a?.pct, study.requirements.availability);
    return {
      design: g.design,
      failureCase: g.failureCase as FailureCase,
      figures,
      verdicts,
      availability: a,
      availabilityVerdict: av,
      costPerMonth: monthlyCost(study, g.design),
      all: overall([verdicts.latency, verdicts.jitter, verdicts.throughput, verdicts.outage, av]),
    };
  });
  const result: DecideResult = {
    study,
    seeds,
    designs,
    rows,
    reviews,
    scenarioFiles: new Map(generated.map((g) => [g.scenario.name, path.relative(opts.outDir, g.file)])),
    runs: total,
    workers: pool.workers,
  };
  await writeOutput(opts, generated, result);
  return result;
}

/**
 * Every scenario of every design, loaded as `ersim run` and `ersim availability` load them, and
 * built (the checks `run` makes before it simulates): a study that makes a bad scenario is bad
 * input, reported before anything runs or is written.
 */
function generateAll(study: Study, designs: Design[], seed: number, outDir: string): Generated[] {
  const cases = [...FAILURE_CASES, ...(study.doc.reliability === undefined ? [] : (['availability'] as const))];
  const out: Generated[] = [];
  for (const design of designs) {
    for (const failureCase of cases) {
      const doc = designScenario(study, design, failureCase, seed);
      const file = path.join(outDir, 'scenarios', `${doc.name}.yaml`);
      const text = scenarioYaml(doc, study.file, file);
      try {
        const scenario = parseScenarioText(text, file);
        new ScenarioSimulation(scenario, seed, new EventLog());
        out.push({ design, failureCase, file, text, scenario });
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        throw new ScenarioError(err.issues.map((i) => ({ ...i, file: `${study.file} (its ${design.name} design, as ${path.basename(file)})` })));
      }
    }
  }
  return out;
}

/** The availability of the design's worst site: the last design of the study is the scenario's whole design (all circuits, and the VPN if it has one). */
function designAvailability(study: Study, scenario: Scenario, seed: number): DesignAvailability {
  const r = study.doc.reliability!;
  const result = runAvailabilityStudy(scenario, { years: r.years ?? STUDY_DEFAULTS.years, replications: r.replications ?? STUDY_DEFAULTS.replications, seed });
  const whole = result.rows[result.rows.length - 1]!.design;
  const rows = result.rows.filter((x) => x.design === whole);
  const worst = rows.reduce((a, b) => (b.availabilityPct < a.availabilityPct ? b : a));
  return { site: worst.site, pct: worst.availabilityPct, downtimeMinPerYear: worst.downtimeMinPerYear };
}

async function writeOutput(opts: DecideOptions, generated: Generated[], result: DecideResult): Promise<void> {
  const folder = new ResultFolder(opts.outDir, { kind: 'decide', force: opts.force ?? false });
  try {
    fs.mkdirSync(folder.file('scenarios'));
    for (const g of generated) folder.write(path.join('scenarios', path.basename(g.file)), g.text);
    const csv = new CsvFile(folder.file('decide.csv'), DECIDE_HEADERS);
    for (const row of result.rows) csv.write(decideCells(row, result.reviews.get(row.design)!));
    await csv.close();
    const record = {
      ersim: ERSIM_VERSION,
      study_file: opts.study.file,
      study: opts.study.doc,
      seeds: opts.seeds,
      designs: result.designs.map((d) => d.name),
      models: opts.study.models,
      failure_cases: FAILURE_CASES,
      cost_label: opts.study.doc.costs?.label ?? null,
      files: { 'decide.csv': folder.hash('decide.csv') },
    };
    folder.write('decide.json', `${JSON.stringify(record, null, 2)}\n`);
    await opts.writePage?.(folder.file('decide.html'), result);
    folder.commit();
  } catch (err) {
    folder.discard();
    throw err;
  }
}
