/**
 * `ersim calibrate SCENARIO MEASUREMENTS.csv [--out FILE.yaml] [--force]`: fit each measured
 * site's distance, jitter and loss to a Connection Monitor export, print the fit as `--set`
 * edits and a check of the simulated round trips; --out writes the calibrated scenario (as
 * import's --out: a file it wrote before, any regular file only with --force). Exit 1 when a
 * simulated round trip misses the measured one by more than the tolerance.
 */
import * as path from 'node:path';
import { calibrate, CHECK_TOLERANCE } from '../estate/calibrate';
import { CALIBRATED_SIGNATURE, calibratedScenarioText } from '../estate/calibrated-scenario';
import { writeFileAtomic } from '../metrics/atomic-file';
import { readDocumentFile } from '../scenario/document-file';
import { parseDocumentText } from '../scenario/load-scenario';
import { parseFlags } from './parse-flags';
import { renderTable } from './table';
import { UsageError } from './usage-error';

export async function calibrateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { out: { type: 'string' }, force: { type: 'boolean', default: false } });
  if (positionals.length !== 2) throw new UsageError(`expected a scenario file and a Connection Monitor CSV export, found ${positionals.length} arguments`);
  const [scenarioFile, measurements] = positionals as [string, string];
  const out = values.out;
  if (out !== undefined && !/\.ya?ml$/i.test(path.extname(out))) throw new UsageError(`--out: expected a scenario file name ending in .yaml or .yml, found ${JSON.stringify(out)}`);
  const text = readDocumentFile(scenarioFile, 'scenario');
  const result = await calibrate(parseDocumentText(text, scenarioFile, 'scenario'), scenarioFile, measurements);
  if (result.fits.length === 0) throw new UsageError(`${measurements}: no row names a site of ${scenarioFile} as SourceName or DestinationName (rows: ${result.unmatched.slice(0, 5).join(', ') || 'none'})`);
  const rows = result.fits.map((f) => {
    const miss = (f.checkRttMs - f.measured.rttMs) / f.measured.rttMs;
    return [f.site, String(f.measured.checksTotal), f.measured.rttMs.toFixed(3), `${(f.distanceM / 1000).toFixed(3)}`, (f.jitterNs / 1e6).toFixed(3), (f.loss * 100).toFixed(4), f.checkRttMs.toFixed(3), (miss * 100).toFixed(2), Math.abs(miss) <= CHECK_TOLERANCE ? 'ok' : 'beyond'];
  });
  console.log(renderTable(['site', 'checks', 'RTT ms', 'km', 'jitter ms', 'loss %', 'sim RTT ms', 'delta %', 'check'], rows));
  if (result.unmeasured.length > 0) console.log(`not measured, left as they were: ${result.unmeasured.join(', ')}`);
  if (result.unmatched.length > 0) console.log(`rows for no site of the scenario: ${result.unmatched.join(', ')}`);
  console.log(result.sets.map((s) => `--set ${s}`).join(' '));
  if (out !== undefined) {
    writeFileAtomic(out, calibratedScenarioText(text, result.fits, measurements), { force: values.force, isOurs: (t) => t.startsWith(CALIBRATED_SIGNATURE) });
    console.log(`wrote ${out}`);
  }
  return rows.every((r) => r[8] === 'ok') ? 0 : 1;
}
