/** Test helper (not a suite): the attributes of a plain link, no leg, no policer, no jitter. */
import type { EdgeAttrs } from '../../sim/topology/topology-graph';

export function plainLink(capacityBps: number, delayNs: number, extra: Partial<EdgeAttrs> = {}): EdgeAttrs {
  return {
    capacityBps,
    delayNs,
    mtuBytes: 9000,
    queue: { bytes: 1e9 },
    loss: 0,
    jitterNs: 0,
    reorder: false,
    kind: 'access',
    leg: null,
    circuit: null,
    policeBps: 0,
    policeBurstBytes: 0,
    ...extra,
  };
}
