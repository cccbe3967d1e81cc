/** Test helper (not a suite): the good scenario that the bad-input tests break one field at a time. */
export const GOOD_SCENARIO = `name: good
model: point-to-point
duration: 2s
circuit: { bandwidth: 1Gbps }
sites: [{ name: hq, distance: 20km }, { name: branch }]
traffic:
  - { name: voice, kind: cbr, from: hq, to: vnet, rate: 80kbps, size: 200B }
`;
