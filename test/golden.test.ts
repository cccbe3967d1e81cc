import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { describeDifference, GOLDEN_DIR, listFiles, produceGolden } from './helpers/golden';

const golden = suite('golden outputs: every bundled scenario, decide and availability, byte for byte');
const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-golden-test-'));
let produced: string[] = [];

golden.before(async () => {
  produced = await produceGolden(fresh);
});

golden('the same files as test/golden holds', () => {
  assert.equal(produced, listFiles(GOLDEN_DIR), 'run `npm run golden:update` after adding or removing a bundled scenario');
});

golden('every file byte for byte (npm run golden:update prints and rewrites what moved)', () => {
  const moved = produced.flatMap((f) => {
    const want = path.join(GOLDEN_DIR, f);
    if (!fs.existsSync(want)) return [];
    return describeDifference(f, fs.readFileSync(want, 'utf8'), fs.readFileSync(path.join(fresh, f), 'utf8'), 5);
  });
  assert.equal(moved, [], `numbers moved:\n${moved.join('\n')}`);
});

golden('every flow of every bundled scenario delivers', () => {
  for (const f of produced.filter((p) => p.startsWith('run/') && p.endsWith('summary.csv'))) {
    const [header, ...rows] = fs.readFileSync(path.join(fresh, f), 'utf8').trim().split('\n');
    const col = header!.split(',').indexOf('received_packets');
    for (const row of rows) assert.ok(Number(row.split(',')[col]) > 0, `${f}: ${row.split(',')[0]} delivered nothing`);
  }
});

golden.after(() => fs.rmSync(fresh, { recursive: true, force: true }));
golden.run();
