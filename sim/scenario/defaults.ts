/**
 * Defaults of the scenario file that are ersim's modelling choices rather than facts about
 * ExpressRoute (those live in ../domain/expressroute.ts with their sources). They are written
 * as the file would write them, so the schema's descriptions show exactly what the resolver applies.
 */
import { ER_MTU_BYTES, ETHERNET_MTU_BYTES } from '../domain/expressroute';

export const DEFAULTS = {
  seed: 1,
  interval: '1s',
  circuit: {
    // The smallest common provider circuit size that still carries a realistic site's traffic.
    bandwidth: '1Gbps',
    // BFD is configured by default on the MSEEs [BFD20].
    bfd: true,
    port: '10Gbps',
    mtu: `${ER_MTU_BYTES}B`,
    // A provider edge in the same building or campus as the MSEEs.
    peeringDistance: '1km',
    peeringLocation: 'peering-location',
  },
  gateway: {
    sku: 'ErGw1Az',
    // An Azure region in the same metro as the peering location.
    regionDistance: '100km',
  },
  site: { distance: '10km' },
  link: {
    mtu: `${ETHERNET_MTU_BYTES}B`,
    // A shallow drop-tail buffer, so that congestion shows as loss rather than as seconds of delay.
    queue: '10ms',
    loss: '0%',
    jitter: '0ms',
    reorder: false,
  },
  flow: { size: '1000B', start: '0s' },
  period: {
    mean: '1s',
    // 1 < shape < 2 gives heavy-tailed periods whose sum is self-similar traffic; 1.5 is the usual choice.
    paretoShape: 1.5,
  },
} as const;
