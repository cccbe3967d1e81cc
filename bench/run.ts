/**
 * `npm run bench`: every case in a fresh process, one warm-up then RUNS measured runs; prints
 * the median with min and max of each measure and writes bench/results.csv.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderTable } from '../sim/cli/table';
import { CASES, Measures } from './cases';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function once(name: string): Measures {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'cases.js'), name], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as Measures;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const fmt = (x: number) => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(4));

function main(): void {
  const bundledFiles = fs.readdirSync('scenarios').filter((f) => /\.ya?ml$|\.json$/.test(f) && !f.endsWith('.schema.json')).sort();
  const names = [...Object.keys(CASES), ...bundledFiles.map((f) => `bundled:${f}`)];
  const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  const date = new Date().toISOString();
  const rows: string[][] = [];
  for (const name of names) {
    once(name);
    const runs = Array.from({ length: RUNS }, () => once(name));
    for (const measure of Object.keys(runs[0]!)) {
      const xs = runs.map((r) => r[measure]!);
      rows.push([name, measure, fmt(median(xs)), fmt(Math.min(...xs)), fmt(Math.max(...xs)), String(median(xs))]);
    }
    process.stderr.write(`${name} done\n`);
  }
  console.log(`ersim benchmark: ${machine}, Node ${process.version}, ${date}, median of ${RUNS} runs after a warm-up\n`);
  console.log(renderTable(['case', 'measure', 'median', 'min', 'max'], rows.map((r) => r.slice(0, 5))));
  const csv = ['machine,node,date,case,measure,median,min,max,runs'];
  for (const r of rows) csv.push([JSON.stringify(machine), process.version, date, r[0], r[1], r[5], r[3]!.replace(/,/g, ''), r[4]!.replace(/,/g, ''), RUNS].join(','));
  fs.writeFileSync(path.join('bench', 'results.csv'), csv.join('\n') + '\n');
}

main();
