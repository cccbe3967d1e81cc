/** Test helper (not a suite): the attributes of a plain link, no leg, no policer, no jitter. */
import { bothWays } from '../../sim/scenario/per-direction';
import type { EdgeAttrs } from '../../sim/topology/topology-graph';

export function plainLink(capacityBps: number, delayNs: number, extra: Partial<EdgeAttrs> = {}): EdgeAttrs {
  return {
    capacityBps,
    delayNs,
    mtuBytes: 9000,
    queue: { bytes: 1e9 },
    loss: bothWays(0),
    jitterNs: bothWays(0),
    reorder: false,
    kind: 'access',
    leg: null,
    circuit: null,
    policeBps: 0,
    policeBurstBytes: 0,
    ...extra,
  };
}
