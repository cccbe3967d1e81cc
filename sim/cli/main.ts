/**
 * The ersim command line: parses arguments, calls the layers below, prints, and maps every
 * outcome to an exit code (0 success, 1 a check found a difference, 2 bad usage or input).
 * Nothing below cli/ prints or exits.
 */
import { SimulationError } from '../kernel/simulator';
import { OutputError } from '../metrics/output-target';
import { ScenarioError } from '../scenario/scenario-error';
import { ERSIM_VERSION } from '../version';
import { availabilityCommand } from './availability-command';
import { calibrateCommand } from './calibrate-command';
import { compareCommand } from './compare-command';
import { decideCommand } from './decide-command';
import { exportCommand } from './export-command';
import { importCommand } from './import-command';
import { mergeCommand } from './merge-command';
import { modelsCommand } from './models-command';
import { replayCommand } from './replay-command';
import { reportCommand } from './report-command';
import { reviewCommand } from './review-command';
import { sweepCommand } from './sweep-command';
import { runCommand } from './run-command';
import { UsageError } from './usage-error';
import { validateCommand } from './validate-command';

const USAGE = `ersim ${ERSIM_VERSION}: ExpressRoute connectivity and failover simulator

usage:
  ersim run FILE|DIR... [--seed N] [--out DIR] [--set path=value]... [--report] [--force] [--max-events N] [--max-wall DURATION]
  ersim validate FILE|DIR... [--set path=value]...
  ersim review FILE|DIR... [--format table|csv] [--demonstrate [--out DIR]] | --rules
  ersim models
  ersim replay DIR
  ersim report DIR [DIR2] [--out FILE] [--force]
  ersim compare A B [--tolerance P] [--metrics m1,m2] [--format table|csv|markdown]
  ersim sweep FILE --vary path=v1,v2... [--vary ...] --seeds 1-30 [--workers N] [--shard I/N | --shards N] [--out DIR] [--force]
  ersim merge SHARD_DIR... --out DIR
  ersim availability FILE [--years Y] [--replications R] [--seed N] [--set path=value]... [--out DIR] [--force]
  ersim decide STUDY [--seeds A-B] [--workers N] [--out DIR] [--force]
  ersim import FILE... [--model cloud-exchange|point-to-point|any-to-any|direct] [--flow-sampling N] [--out FILE.yaml] [--force]
  ersim export DIR --format openmetrics|parquet [--start ISO-TIME] [--out FILE] [--force]
  ersim calibrate SCENARIO MEASUREMENTS.csv [--out FILE.yaml] [--force]
  ersim help | --version

--out DIR is the folder that holds the result folders in every command (default results); report's --out names the page's file.
A result folder or file replaces only what ersim wrote (--force: any folder or regular file; never a device or link).
Exit codes: 0 success, 1 a check found a difference (review: an error), 2 bad usage or bad input.`;

/** A command returns its exit code; the ones that write files or run simulations do it asynchronously. */
type Command = (args: string[]) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  run: runCommand,
  validate: validateCommand,
  review: reviewCommand,
  models: modelsCommand,
  replay: replayCommand,
  compare: compareCommand,
  sweep: sweepCommand,
  merge: mergeCommand,
  availability: availabilityCommand,
  decide: decideCommand,
  report: reportCommand,
  import: importCommand,
  export: exportCommand,
  calibrate: calibrateCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === 'version') {
    console.log(ERSIM_VERSION);
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(`ersim: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (err) {
    if (err instanceof ScenarioError) {
      console.error(err.message);
      return 2;
    }
    if (err instanceof OutputError) {
      console.error(`ersim ${name}: ${err.message}`);
      return 2;
    }
    if (err instanceof SimulationError) {
      // Input the loader let through that the clock cannot represent: bad input, not a crash.
      console.error(`ersim ${name}: the simulation cannot go on: ${err.message}`);
      return 2;
    }
    if (err instanceof UsageError) {
      console.error(`ersim ${name}: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    const e = err as NodeJS.ErrnoException & { dest?: string };
    if (e && typeof e.code === 'string' && typeof e.syscall === 'string') {
      // A file system refusal (read-only folder, full disk, missing parent): say what and where.
      const why = e.message.replace(/^[A-Z]+: /, '').replace(/, \w+( .*)?$/, '');
      // A failed rename is about its destination; its temporary source has been removed.
      const where = e.dest ?? e.path ?? 'a file';
      console.error(`ersim ${name}: cannot ${e.syscall} ${where}: ${why} (${e.code}). Nothing was written there; choose another --out or free the space.`);
      return 2;
    }
    throw err;
  }
}
