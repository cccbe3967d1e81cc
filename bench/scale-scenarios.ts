/**
 * Generators of the large scenarios of issue 17, as scenario documents listing every site and
 * flow one by one (as a user without site groups had to write them): the retailer's any-to-any
 * WAN of N stores, and a custom star of N sites. Run as
 * `node dist/bench/scale-scenarios.js any-to-any|star|flows N [FILE]` it writes one as JSON.
 */
import * as fs from 'node:fs';

/**
 * N stores on a provider's MPLS network, any-to-any, a 2 Gbps circuit failing at 100 s, 300 s
 * simulated; per store a POS flow up (Poisson 200 kbps, 400 B) and a voice flow down (CBR
 * 80 kbps, 200 B). Distances spread evenly over 50-500 km.
 */
export function anyToAnyStores(stores: number): Record<string, unknown> {
  const names = storeNames(stores);
  return {
    name: `any-to-any-${stores}`,
    description: `${stores} stores on MPLS, a POS flow up and a voice flow down each`,
    model: 'any-to-any',
    duration: '300s',
    seed: 1,
    circuit: { bandwidth: '2Gbps', peeringLocation: 'London' },
    gateway: { sku: 'ErGw3Az' },
    sites: names.map((name, i) => ({ name, distance: `${spread(i, stores, 50, 500)}km`, bandwidth: '100Mbps' })),
    traffic: names.flatMap(storeFlows),
    failures: [{ target: 'circuit', at: '100s' }],
  };
}

/**
 * N premises sites, each with a 100 Mbps access link into one provider hub, the hub's two legs
 * to the MSEEs, the gateway and the VNet; per site a POS flow up and a voice flow down, as the
 * stores have; 60 s simulated with the primary leg failing at 20 s.
 */
export function customStar(sites: number): Record<string, unknown> {
  const names = storeNames(sites);
  return {
    name: `star-${sites}`,
    description: `${sites} sites in a custom star around one provider hub`,
    model: 'custom',
    duration: '60s',
    seed: 1,
    gateway: { sku: 'ErGw3Az' },
    custom: {
      nodes: [
        ...names.map((id) => ({ id, role: 'premises' })),
        { id: 'hub', role: 'provider' },
        { id: 'msee-primary', role: 'msee' },
        { id: 'msee-secondary', role: 'msee' },
        { id: 'er-gateway', role: 'er-gateway' },
        { id: 'vnet', role: 'vnet' },
      ],
      links: [
        ...names.map((id, i) => ({ from: id, to: 'hub', bandwidth: '100Mbps', distance: `${spread(i, sites, 50, 500)}km` })),
        { from: 'hub', to: 'msee-primary', bandwidth: '10Gbps', distance: '1km', leg: 'primary', police: '2Gbps' },
        { from: 'hub', to: 'msee-secondary', bandwidth: '10Gbps', distance: '1km', leg: 'secondary', police: '2Gbps' },
        { from: 'msee-primary', to: 'er-gateway', bandwidth: '10Gbps', distance: '100km' },
        { from: 'msee-secondary', to: 'er-gateway', bandwidth: '10Gbps', distance: '100km' },
        { from: 'er-gateway', to: 'vnet', bandwidth: '10Gbps' },
      ],
    },
    traffic: names.flatMap(storeFlows),
    failures: [{ target: 'primary', at: '20s' }],
  };
}

/**
 * K Poisson flows of 400 B packets up from one site, sharing 100 Mbps, 20 s: the same kernel
 * work whatever K, so events per second show what each flow costs beyond its packets.
 */
export function manyFlows(k: number): Record<string, unknown> {
  return {
    name: `flows-${k}`,
    model: 'point-to-point',
    duration: '20s',
    seed: 1,
    circuit: { bandwidth: '1Gbps' },
    sites: [{ name: 'hq', distance: '100km' }],
    traffic: Array.from({ length: k }, (_, i) => ({ name: `f-${i}`, kind: 'poisson', from: 'hq', to: 'vnet', rate: `${100_000 / k}kbps`, size: '400B' })),
  };
}

/** A store's POS flow up (Poisson 200 kbps, 400 B) and voice flow down (CBR 80 kbps, 200 B). */
function storeFlows(name: string): Record<string, string>[] {
  return [
    { name: `pos-${name}`, kind: 'poisson', from: name, to: 'vnet', rate: '200kbps', size: '400B' },
    { name: `voice-${name}`, kind: 'cbr', from: 'vnet', to: name, rate: '80kbps', size: '200B' },
  ];
}

/** store-0001 ... with as many digits as the count needs (at least four). */
function storeNames(n: number): string[] {
  const width = Math.max(4, String(n).length);
  return Array.from({ length: n }, (_, i) => `store-${String(i + 1).padStart(width, '0')}`);
}

/** The i-th of n values spread evenly over [lo, hi], whole kilometres. */
function spread(i: number, n: number, lo: number, hi: number): number {
  return Math.round(n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1));
}

export const GENERATORS: Record<string, (n: number) => Record<string, unknown>> = { 'any-to-any': anyToAnyStores, star: customStar, flows: manyFlows };

if (require.main === module) {
  const [kind = '', count = '', file] = process.argv.slice(2);
  const generate = GENERATORS[kind];
  if (generate === undefined || !/^\d+$/.test(count)) {
    console.error('usage: node dist/bench/scale-scenarios.js any-to-any|star|flows N [FILE]');
    process.exitCode = 2;
  } else {
    const text = JSON.stringify(generate(Number(count)), null, 1) + '\n';
    if (file === undefined) process.stdout.write(text);
    else fs.writeFileSync(file, text);
  }
}
