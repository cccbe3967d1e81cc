/**
 * `npm run golden:update`: produce the golden outputs anew, print which columns of which rows
 * moved against test/golden/, and replace them there. A commit that moves a number carries the
 * new files and says in its message why the new number is the right one.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeDifference, GOLDEN_DIR, listFiles, produceGolden } from '../test/helpers/golden';

async function main(): Promise<void> {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-golden-'));
  try {
    const files = await produceGolden(fresh);
    const old = new Set(listFiles(GOLDEN_DIR));
    let moved = 0;
    for (const f of files) {
      const text = fs.readFileSync(path.join(fresh, f), 'utf8');
      const before = old.has(f) ? fs.readFileSync(path.join(GOLDEN_DIR, f), 'utf8') : undefined;
      old.delete(f);
      if (before === text) continue;
      moved++;
      if (before === undefined) console.log(`${f}: new`);
      else for (const line of describeDifference(f, before, text)) console.log(line);
      fs.mkdirSync(path.dirname(path.join(GOLDEN_DIR, f)), { recursive: true });
      fs.writeFileSync(path.join(GOLDEN_DIR, f), text);
    }
    for (const f of old) {
      console.log(`${f}: no longer produced, removed`);
      fs.rmSync(path.join(GOLDEN_DIR, f));
      moved++;
    }
    console.log(moved === 0 ? `golden: ${files.length} files, none moved` : `golden: ${moved} of ${files.length} files rewritten in ${path.relative(process.cwd(), GOLDEN_DIR)}`);
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
