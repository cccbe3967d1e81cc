/**
 * Reading back what `ersim run` wrote: run.json, CSV tables, file hashes and byte-level
 * comparison. Replay and compare read result folders that users keep, move and edit, so every
 * problem is a ScenarioError naming the file (and field) instead of a crash: cli/ turns it into
 * exit code 2. Large files are read in chunks, never whole, so a 100-day timeseries is fine.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { restoreFormula } from '../metrics/csv-file';
import { readProblem } from '../scenario/load-scenario';
import { describeFound, ScenarioError, type ScenarioIssue } from '../scenario/scenario-error';

/**
 * The name to read a recorded scenario document under: the scenario file it came from when
 * run.json names one (so a trace flow's file, relative to it, is found again), else run.json.
 */
export function recordedScenarioName(record: RunRecord): string {
  return record.scenarioFile !== undefined && /\.(ya?ml|json)$/i.test(record.scenarioFile) ? record.scenarioFile : record.file;
}

/** What run.json records, checked field by field. */
export interface RunRecord {
  dir: string;
  /** DIR/run.json, for messages. */
  file: string;
  ersim: string;
  seed: number;
  /** The scenario file the run was made from, when run.json names one. */
  scenarioFile: string | undefined;
  /** The scenario document as run (after --set edits). */
  scenario: Record<string, unknown>;
  /** File name -> "sha256:<hex>". */
  files: Record<string, string>;
  /** Simulated seconds the scenario asked for, and those reached when the run stopped early (partial). */
  durationS: number | undefined;
  simulatedS: number | undefined;
  eventsExecuted: number | undefined;
  partial: boolean;
}

const CHUNK = 1 << 16;

/** run.json of a result folder; throws a ScenarioError naming the folder or file when it cannot be used. */
export function readRunRecord(dir: string): RunRecord {
  const file = path.join(dir, 'run.json');
  if (!isDirectory(dir)) fail(dir, '', 'a result folder (written by ersim run)', existsProblem(dir));
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return fail(file, '', 'the run.json that ersim run writes in every result folder', readProblem(err));
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return fail(file, '', 'valid JSON', (err as Error).message);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return fail(file, '', 'a JSON object', describeFound(doc));
  const r = doc as Record<string, unknown>;
  const issues: ScenarioIssue[] = [];
  const expect = (field: string, ok: boolean, expected: string) => {
    if (!ok) issues.push({ file, path: field, expected, found: describeFound(r[field]) });
  };
  expect('ersim', typeof r.ersim === 'string', 'the ersim version that wrote it (a string)');
  expect('seed', Number.isSafeInteger(r.seed) && (r.seed as number) >= 0 && (r.seed as number) <= 0xffffffff, 'an integer 0..4294967295');
  expect('scenario', isObject(r.scenario), 'the scenario document (an object)');
  expect('scenario_file', r.scenario_file === undefined || typeof r.scenario_file === 'string', 'a file name (a string)');
  expect('files', isObject(r.files) && Object.values(r.files as object).every((h) => typeof h === 'string'), 'an object of file name -> "sha256:..." hash');
  if (issues.length > 0) throw new ScenarioError(issues);
  return {
    dir,
    file,
    ersim: r.ersim as string,
    seed: r.seed as number,
    scenarioFile: r.scenario_file as string | undefined,
    scenario: r.scenario as Record<string, unknown>,
    files: r.files as Record<string, string>,
    durationS: finite(r.duration_s),
    simulatedS: finite(r.simulated_s),
    eventsExecuted: finite(r.events_executed),
    partial: r.partial === true,
  };
}

/** "sha256:<hex>" of a file, the form run.json records; undefined when the file cannot be read. */
export function sha256File(file: string): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const hash = crypto.createHash('sha256');
    const buf = Buffer.alloc(CHUNK);
    for (let n; (n = fs.readSync(fd, buf, 0, CHUNK, null)) > 0; ) hash.update(buf.subarray(0, n));
    return 'sha256:' + hash.digest('hex');
  } finally {
    fs.closeSync(fd);
  }
}

/** Where two text files first differ: the 1-based line number and that line of each (undefined past the end). */
export interface LineDifference {
  line: number;
  expected: string | undefined;
  found: string | undefined;
}

/**
 * undefined when the files are byte-identical, else their first differing line. Both files are
 * read side by side in chunks; they agree up to the first differing byte, so the line holding
 * it starts at the same offset in both.
 */
export function firstDifference(expectedFile: string, foundFile: string): LineDifference | undefined {
  const fa = fs.openSync(expectedFile, 'r');
  const fb = fs.openSync(foundFile, 'r');
  try {
    const a = Buffer.alloc(CHUNK);
    const b = Buffer.alloc(CHUNK);
    let offset = 0;
    let line = 1;
    let lineStart = 0;
    for (;;) {
      const na = fs.readSync(fa, a, 0, CHUNK, offset);
      const nb = fs.readSync(fb, b, 0, CHUNK, offset);
      const n = Math.min(na, nb);
      let i = 0;
      while (i < n && a[i] === b[i]) {
        if (a[i] === 0x0a) {
          line++;
          lineStart = offset + i + 1;
        }
        i++;
      }
      if (i < n || na !== nb) return { line, expected: lineAt(fa, lineStart), found: lineAt(fb, lineStart) };
      if (n === 0) return undefined;
      offset += n;
    }
  } finally {
    fs.closeSync(fa);
    fs.closeSync(fb);
  }
}

/** The line starting at `start` (without its `\n`), or undefined at the end of the file. Long lines are cut. */
function lineAt(fd: number, start: number): string | undefined {
  const buf = Buffer.alloc(4096);
  const n = fs.readSync(fd, buf, 0, buf.length, start);
  if (n === 0) return undefined;
  const end = buf.subarray(0, n).indexOf(0x0a);
  const text = buf.subarray(0, end < 0 ? n : end).toString('utf8');
  return end < 0 && n === buf.length ? text + '...' : text;
}

/** A CSV file as a header and rows of cells. */
export interface CsvTable {
  file: string;
  headers: string[];
  rows: string[][];
}

/** Read a whole CSV file (summary and sweep files are small); throws a ScenarioError naming the file. */
export function readCsvTable(file: string): CsvTable {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return fail(file, '', 'a readable CSV file', readProblem(err));
  }
  const records = parseCsv(text.replace(/^\uFEFF/, ''), file);
  const [headers, ...defused] = records;
  const rows = defused.map((r) => r.map(restoreFormula));
  if (headers === undefined) return fail(file, '', 'a CSV file with a header row', 'an empty file');
  rows.forEach((r, i) => {
    if (r.length !== headers.length) fail(file, `line ${i + 2}`, `${headers.length} cells, as in the header`, String(r.length));
  });
  return { file, headers, rows };
}

/** RFC 4180: cells separated by commas, quoted when they hold a comma, quote or line end; `\n` or `\r\n` line ends. */
export function parseCsv(text: string, file: string): string[][] {
  const records: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && cell === '') {
      const start = line;
      i++;
      for (;;) {
        if (i >= text.length) fail(file, `line ${start}`, 'a closing quote', 'the end of the file');
        if (text[i] === '"') {
          if (text[i + 1] !== '"') break;
          i++;
        } else if (text[i] === '\n') line++;
        cell += text[i];
        i++;
      }
      i++;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      row.push(cell);
      records.push(row);
      row = [];
      cell = '';
      i += c === '\r' ? 2 : 1;
      line++;
    } else {
      cell += c;
      i++;
    }
  }
  if (cell !== '' || row.length > 0) records.push([...row, cell]);
  return records;
}

export function isDirectory(p: string): boolean {
  return fs.existsSync(p) && fs.statSync(p).isDirectory();
}

export function existsProblem(p: string): string {
  return fs.existsSync(p) ? 'a file, not a folder' : 'no such file or folder';
}

function finite(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

function isObject(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function fail(file: string, field: string, expected: string, found: string): never {
  throw new ScenarioError([{ file, path: field, expected, found }]);
}
