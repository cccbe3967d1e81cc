/** `ersim models`: the connectivity models and their defaults, as a table. */
import { ER_GATEWAY_SKU_NAMES, ER_MTU_BYTES } from '../domain/expressroute';
import { MODEL_CATALOG } from '../topology/model-catalog';
import { parseFlags } from './parse-flags';
import { renderTable } from './table';

export function modelsCommand(args: string[]): number {
  parseFlags(args, {});
  console.log(
    renderTable(
      ['model', 'bandwidth', 'layer', 'BGP with the MSEEs', 'path'],
      MODEL_CATALOG.map((m) => [m.model, m.bandwidths, m.layers, m.bgp, m.path]),
    ),
  );
  console.log(
    `\nEvery circuit: two legs (primary, secondary) to two MSEEs, active/active; provider circuits police each leg at the purchased bandwidth [RLPROV], Direct only with rateLimit [RLDIRECT];` +
      `\nMTU ${ER_MTU_BYTES} B [FAQ23]; gateway SKUs: ${ER_GATEWAY_SKU_NAMES.join(', ')} [ERGWPERF24][SCALE25].`,
  );
  return 0;
}
