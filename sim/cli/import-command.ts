/**
 * `ersim import FILE... [--out scenario.yaml] [--model M] [--flow-sampling N] [--force]`: a scenario
 * from exported ARM/Bicep JSON, `az network ... show` output or `terraform show -json`, with
 * traffic from ExpressRoute Traffic Collector flow records when a CSV of them is among the files. Without --out the
 * scenario is printed. --out names the file itself, as for `report`: it replaces a scenario
 * ersim imported, any regular file only with --force, never a folder, device or link.
 */
import * as path from 'node:path';
import { ModelNeededError, PROVIDER_MODELS, type ProviderModel } from '../estate/design-to-scenario';
import { IMPORT_SIGNATURE, importEstate } from '../estate/import-estate';
import { writeFileAtomic } from '../metrics/atomic-file';
import { parseFlags } from './parse-flags';
import { UsageError } from './usage-error';

const MODELS: readonly string[] = [...PROVIDER_MODELS, 'direct'];

export function importCommand(args: string[]): number {
  const { values, positionals } = parseFlags(args, { out: { type: 'string' }, model: { type: 'string' }, 'flow-sampling': { type: 'string' }, force: { type: 'boolean', default: false } });
  if (positionals.length === 0) throw new UsageError('expected one or more exported files (ARM/Bicep JSON, az network ... show, terraform show -json, and ATCExpressRouteCircuitIpfix CSV)');
  if (values.model !== undefined && !MODELS.includes(values.model)) throw new UsageError(`--model: expected ${MODELS.join(', ')}, found ${JSON.stringify(values.model)}`);
  const sampling = values['flow-sampling'] === undefined ? 1 : Number(values['flow-sampling']);
  if (!Number.isInteger(sampling) || sampling < 1) throw new UsageError(`--flow-sampling: expected an integer, 1 or more (the collector sampled 1 packet in N), found ${JSON.stringify(values['flow-sampling'])}`);
  const out = values.out;
  if (out !== undefined && !/\.ya?ml$/i.test(path.extname(out))) throw new UsageError(`--out: expected a scenario file name ending in .yaml or .yml, found ${JSON.stringify(out)}`);
  let text: string;
  try {
    text = importEstate(positionals, values.model as ProviderModel | 'direct' | undefined, sampling);
  } catch (err) {
    if (err instanceof ModelNeededError) throw new UsageError(err.message);
    throw err;
  }
  if (out === undefined) {
    process.stdout.write(text);
    return 0;
  }
  writeFileAtomic(out, text, { force: values.force, isOurs: (t) => t.startsWith(IMPORT_SIGNATURE) });
  console.log(`wrote ${out}`);
  return 0;
}
