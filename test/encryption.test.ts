import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenarioText } from '../sim/scenario/load-scenario';
import { ScenarioError } from '../sim/scenario/scenario-error';
import { simulate, tally, throughputBps } from './helpers/simulate';

/**
 * What encryption costs in throughput, against the arithmetic of its overheads. MACsec adds
 * 24 B (32 B with the SCI) to every frame on the Direct ports, so a port saturated by 1500 B
 * packets delivers capacity x 1500 / 1532 of IP bytes. IPsec over private peering adds the
 * ESP to every packet (56 B, GCM AES-256) and the VPN gateway's cap counts them, so a VpnGw2 (1.25 Gbps) carries
 * 1.25 Gbps x inner / (inner + 56) of inner bytes. Tolerance 0.5 %: CBR adds no randomness;
 * what is left is the first packets' path delay (about 0.1 % of the 200 ms runs). A limiter's
 * bucket starts full, so the gateway lets 5 ms of its rate through on top of the rate.
 */
const encryption = suite('encryption: MACsec and IPsec over ExpressRoute');

const within = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got / want - 1) <= tol, `${what}: ${(got / 1e6).toFixed(2)} Mbps vs ${(want / 1e6).toFixed(2)} Mbps`);

const direct = (encryption: string, model = 'packet') => `
name: macsec
model: direct
duration: 200ms
circuit: { bandwidth: 10Gbps, port: 10Gbps }
gateway: { sku: ErGw3Az, capacity: 40Gbps, pps: 10000000 }
sites: [{ name: dc, distance: 1km }]
${encryption}
traffic:
  - { name: bulk, kind: cbr, from: dc, to: vnet, rate: 10Gbps, size: 1500B, model: ${model} }`;

/** The Direct port the flow was hashed onto, and the site's link to that leg's router. */
const usedLeg = (run: ReturnType<typeof simulate>) => {
  const leg = ['primary', 'secondary'].find((l) => tally(run, `customer-router-${l}->msee-${l}`).totalTxBytes() > 0)!;
  assert.ok(leg !== undefined, 'a port carried the flow');
  return { port: tally(run, `customer-router-${leg}->msee-${leg}`), access: tally(run, `dc->customer-router-${leg}`) };
};

encryption('MACsec with the SCI: a saturated 10 Gbps port delivers 1500/1532 of its rate', () => {
  const plain = simulate(direct(''));
  const sealed = simulate(direct('encryption: { macsec: true, macsecSci: true }'));
  within(throughputBps(plain, 'bulk'), 10e9, 0.005, 'without MACsec');
  within(throughputBps(sealed, 'bulk'), (10e9 * 1500) / 1532, 0.005, 'with MACsec and the SCI');
  const { port, access } = usedLeg(sealed);
  assert.ok(port.txPackets > 100_000);
  assert.is(port.txBytes, port.txPackets * 1532, 'each frame on the port is 32 B longer');
  assert.is(access.txBytes, access.txPackets * 1500, 'the access link carries no MACsec');
});

encryption('MACsec without the SCI adds 24 B a frame, to packet and fluid flows alike', () => {
  for (const model of ['packet', 'fluid']) {
    const run = simulate(direct('encryption: { macsec: true }', model));
    within(throughputBps(run, 'bulk'), (10e9 * 1500) / 1524, 0.005, `with MACsec, ${model}`);
    within((usedLeg(run).port.totalTxBytes() * 8) / 0.2, 10e9, 0.005, `${model}: the port is full`);
  }
});

const ipsec = (packet: string, extra = '') => `
name: ipsec
model: any-to-any
duration: 400ms
circuit: { bandwidth: 2Gbps }
gateway: { sku: ErGw3Az }
sites: [{ name: hq }, { name: branch }]
encryption: { ipsec: true, ipsecGateway: VpnGw2 }
traffic:
  - { name: bulk, kind: cbr, from: hq, to: vnet, rate: 1800Mbps, size: ${packet} }
${extra}`;

encryption('IPsec over private peering: the VPN gateway caps the tunnel, ESP bytes included', () => {
  const run = simulate(ipsec('1344B'));
  // VpnGw2: 1.25 Gbps aggregate and per tunnel [VPNTBL23][VPNSKU23]; 1344 B inner packets are 1400 B with GCM's 56 B of ESP.
  const startingBucket = 1 + 5 / 400;
  within(throughputBps(run, 'bulk'), ((1.25e9 * 1344) / 1400) * startingBucket, 0.005, 'inner bytes through the tunnel');
  const access = tally(run, 'hq->pe-hq');
  assert.ok(access.txPackets > 10_000);
  assert.is(access.txBytes, access.txPackets * 1400, 'the site sends every packet with 56 B of ESP');
});

encryption('IPsec: inner packets above the circuit MTU less ESP are dropped, never fragmented; site-to-site traffic is not tunnelled', () => {
  const run = simulate(ipsec('1400B', '  - { name: branches, kind: cbr, from: hq, to: branch, rate: 8Mbps, size: 1000B }'));
  assert.is(run.flows.find((f) => f.config.name === 'bulk')!.stats.receivedPackets, 0);
  assert.ok(tally(run, 'hq->pe-hq').drops.mtu > 0, 'dropped at the tunnel entry');
  const toBranch = tally(run, 'pe-branch->branch');
  assert.ok(toBranch.txPackets > 0);
  assert.is(toBranch.txBytes, toBranch.txPackets * 1000, 'branch to branch without ESP');
});

encryption('bad encryption settings name the field', () => {
  const fails = (yaml: string, path: string, expected: RegExp) => {
    try {
      parseScenarioText(yaml, 'enc.yaml');
    } catch (e) {
      assert.instance(e, ScenarioError);
      const issue = (e as ScenarioError).issues.find((i) => i.path === path);
      assert.ok(issue !== undefined, `no issue at ${path}: ${(e as Error).message}`);
      assert.match(issue.expected, expected);
      return;
    }
    assert.unreachable(`accepted: ${path}`);
  };
  fails(ipsec('1000B').replace('model: any-to-any', 'model: cloud-exchange').replace('{ ipsec: true, ipsecGateway: VpnGw2 }', '{ macsec: true }'), 'encryption.macsec', /Direct only/);
  fails(direct('encryption: { macsecSci: true }'), 'encryption.macsecSci', /without macsec/);
  fails(direct('encryption: { espOverhead: 64B }'), 'encryption.espOverhead', /without ipsec/);
  fails(ipsec('1000B').replace('VpnGw2', 'VpnGw9'), 'encryption.ipsecGateway', /VPN gateway SKU/);
});

encryption.run();
