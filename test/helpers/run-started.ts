/**
 * Test helper (not a suite): wait until an `ersim run` in another process is simulating, seen
 * from the outside as its temporary result folder holding a timeseries.csv; its signal
 * handlers are installed by then, however loaded the machine is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function runStarted(resultsDir: string, name: string): Promise<void> {
  const started = () =>
    fs.existsSync(resultsDir) && fs.readdirSync(resultsDir).some((f) => f.startsWith(`.${name}.partial-`) && fs.existsSync(path.join(resultsDir, f, 'timeseries.csv')));
  for (let waited = 0; !started(); waited += 20) {
    if (waited > 60_000) throw new Error(`ersim run of ${name} did not start within a minute in ${resultsDir}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
