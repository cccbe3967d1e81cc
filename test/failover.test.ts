import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RandomStreams } from '../sim/kernel/random';
import { detectionTime, Detector } from '../sim/routing/detection';
import { runScenario } from '../sim/run/run-scenario';
import { loadScenarioFile } from '../sim/scenario/load-scenario';
import { prepare, simulate, tally } from './helpers/simulate';

const detection = suite('failure detection bounds');

detection('BFD detects between (multiplier - 1) and multiplier intervals after the failure (300 ms x 3), over 10,000 failure times', () => {
  const r = new RandomStreams(1).stream('t');
  for (let i = 0; i < 10_000; i++) {
    const d: Detector = { kind: 'bfd', periodNs: 300e6, timeoutNs: 900e6, phaseNs: Math.floor(r.uniform() * 300e6) };
    const failedAt = Math.floor(r.uniform() * 1e12);
    const { at, kind } = detectionTime(d, failedAt);
    assert.is(kind, 'bfd');
    assert.ok(at - failedAt > 600e6 && at - failedAt <= 900e6, `${at - failedAt} ns`);
  }
});

detection('without BFD the BGP hold timer expires between hold - keepalive and hold after the failure (60/180 s)', () => {
  const r = new RandomStreams(2).stream('t');
  for (let i = 0; i < 10_000; i++) {
    const d: Detector = { kind: 'bgp-hold', periodNs: 60e9, timeoutNs: 180e9, phaseNs: Math.floor(r.uniform() * 60e9) };
    const failedAt = Math.floor(r.uniform() * 1e13);
    const gap = detectionTime(d, failedAt).at - failedAt;
    assert.ok(gap > 120e9 && gap <= 180e9, `${gap} ns`);
  }
});

detection('VPN: dead peer detection (45 s) comes before the BGP hold timer', () => {
  const d: Detector = { kind: 'bgp-hold', periodNs: 60e9, timeoutNs: 180e9, phaseNs: 0, deadPeerNs: 45e9 };
  assert.equal(detectionTime(d, 1e9), { at: 46e9, kind: 'dpd' });
});

const circuit = (bfd: boolean, at: string) => `
name: det
model: point-to-point
duration: 250s
circuit: { bfd: ${bfd} }
sites: [{ name: dc }]
failures: [{ target: circuit, at: ${at}, for: 200s }]
`;

detection('end to end: the logged detection of a circuit failure lies in those bounds, for 20 seeds each', () => {
  for (let seed = 1; seed <= 20; seed++) {
    for (const bfd of [true, false]) {
      const failAt = 10 + seed * 0.37;
      const { run, log } = prepare(circuit(bfd, `${failAt}s`), seed);
      run.sim.run({ until: 240e9 });
      const detected = log.rows.filter((e) => e.event === (bfd ? 'bfd_down' : 'hold_expired'));
      assert.is(detected.length, 2, `seed ${seed}: one per leg`);
      for (const e of detected) {
        const gap = e.timeNs - Math.round(failAt * 1e9);
        if (bfd) assert.ok(gap > 600e6 && gap <= 900e6, `BFD seed ${seed}: ${gap}`);
        else assert.ok(gap > 120e9 && gap <= 180e9, `hold seed ${seed}: ${gap}`);
      }
    }
  }
});

const failover = suite('failover between legs and to the VPN');

const LEG = `
name: leg
model: cloud-exchange
duration: 30s
circuit: { bfd: true }
sites: [{ name: hq }]
vpn: { sku: VpnGw2 }
traffic:
${['a', 'b', 'c', 'd', 'e', 'f'].map((n) => `  - { name: up-${n}, kind: cbr, from: hq, to: vnet, rate: 800kbps, size: 1000B }\n  - { name: down-${n}, kind: cbr, from: vnet, to: hq, rate: 800kbps, size: 1000B }`).join('\n')}
failures: [{ target: primary, at: 5s, for: 10s }]
`;

failover('one leg down: nothing takes the VPN; losses only on that leg\'s flows, within detection (+ gateway convergence toward the site)', () => {
  const run = simulate(LEG);
  const pps = 100;
  let hit = 0;
  for (const f of run.flows) {
    assert.is(f.stats.vpnPackets, 0, `${f.config.name} used the VPN`);
    if (f.stats.lostPackets === 0) continue;
    hit++;
    // Toward Azure the site's router moves at BFD detection (<= 0.9 s); toward the site the gateway also waits 10 s.
    const window = f.config.from === 'hq' ? 0.9 : 10.9;
    assert.ok(f.stats.lostPackets <= Math.ceil(window * pps) + 1, `${f.config.name} lost ${f.stats.lostPackets}`);
    if (f.config.from === 'vnet') assert.ok(f.stats.lostPackets >= 10 * pps, `${f.config.name} lost only ${f.stats.lostPackets}`);
  }
  assert.ok(hit > 0 && hit < run.flows.length, `${hit} of ${run.flows.length} flows lost packets: the failed leg carried some, not all`);
});

const CIRCUIT = `
name: circuit
model: point-to-point
duration: 45s
circuit: { bfd: true }
sites: [{ name: dc }]
vpn: { sku: Basic, internet: { loss: 0%, jitter: 0ms } }
traffic:
  - { name: data, kind: cbr, from: dc, to: vnet, rate: 300Mbps, size: 1000B }
failures: [{ target: circuit, at: 2s, for: 20s }]
`;

failover('both legs down: traffic reaches the VNet over the VPN, at the Basic SKU cap less the ESP overhead', () => {
  const { run, log } = prepare(CIRCUIT);
  const data = run.flows[0]!.stats;
  run.sim.run({ until: 5e9 });
  const [bytes5, vpn5] = [data.receivedBytes, data.vpnPackets];
  run.sim.run({ until: 20e9 });
  assert.ok(data.vpnPackets > vpn5 && vpn5 > 0, 'delivered over the VPN');
  // 100 Mbps of ESP packets of 1000 + 56 B (GCM AES-256) carry 1000 B of the flow's each [VPNTBL23][VPNDEV].
  const goodput = ((data.receivedBytes - bytes5) * 8) / 15;
  const expected = (100e6 * 1000) / 1056;
  assert.ok(Math.abs(goodput / expected - 1) < 0.02, `${(goodput / 1e6).toFixed(2)} Mbps vs ${(expected / 1e6).toFixed(2)} Mbps`);
  const firstVpn = log.rows.find((e) => e.event === 'failover' && e.detail.endsWith('-> vpn'))!;
  assert.ok(firstVpn.timeNs > 2.6e9 && firstVpn.timeNs <= 2.9e9, 'on-premises fails over at BFD detection');

  // Failback: repaired at 22 s, sessions back 5 s later.
  run.sim.run({ until: 30e9 });
  const vpn30 = data.vpnPackets;
  run.sim.run({ until: 45e9 - 1 });
  assert.is(data.vpnPackets, vpn30, 'no VPN deliveries after failback');
  const back = log.rows.find((e) => e.event === 'failback' && e.subject === 'data')!;
  assert.ok(back !== undefined && back.timeNs === 27e9, `failback logged at ${back?.timeNs}`);
  assert.ok(log.rows.some((e) => e.event === 'session_up'));
});

failover('asymmetric routing: on-premises prefers the VPN, Azure prefers ExpressRoute', () => {
  const run = simulate(fs.readFileSync('scenarios/asymmetric-routing.yaml', 'utf8'));
  const toAzure = run.flows.find((f) => f.config.name === 'to-azure')!.stats;
  const fromAzure = run.flows.find((f) => f.config.name === 'from-azure')!.stats;
  assert.is(toAzure.vpnPackets, toAzure.receivedPackets);
  assert.is(fromAzure.erPackets, fromAzure.receivedPackets);
  assert.ok(toAzure.receivedPackets > 1000 && fromAzure.receivedPackets > 1000);
});

failover('two circuits in two locations: a peering-location outage moves traffic to the other circuit, not to the VPN', () => {
  const { run, log } = prepare(fs.readFileSync('scenarios/failover-two-locations.yaml', 'utf8'));
  const tx = (id: string) => tally(run, id).txPackets;
  run.sim.run({ until: 14e9 });
  // Before: the VNet sends over London only (weight 100 against 0); on-premises spreads flows over both circuits.
  const fromVnet = run.flows.filter((f) => f.config.from === 'vnet').reduce((n, f) => n + f.stats.receivedPackets, 0);
  assert.ok(tx('er-gateway->london-msee-primary') + tx('er-gateway->london-msee-secondary') >= fromVnet);
  assert.is(tx('er-gateway->amsterdam-msee-primary') + tx('er-gateway->amsterdam-msee-secondary'), 0);
  const amsterdamBefore = tx('er-gateway->amsterdam-msee-primary') + tx('er-gateway->amsterdam-msee-secondary');
  run.sim.run({ until: 60e9 - 1 });
  assert.ok(tx('er-gateway->amsterdam-msee-primary') + tx('er-gateway->amsterdam-msee-secondary') > amsterdamBefore, 'Azure moved to Amsterdam');
  for (const f of run.flows) {
    assert.is(f.stats.vpnPackets, 0, `${f.config.name} took the VPN`);
    // 0.9 s of BFD toward Azure; plus 10 s of gateway convergence toward the site.
    const window = f.config.from === 'vnet' ? 10.9e9 : 0.9e9;
    assert.ok(f.stats.longestPathChangeNs <= window + 25e6, `${f.config.name}: ${f.stats.longestPathChangeNs} ns`);
  }
  assert.ok(log.rows.some((e) => e.event === 'failover' && e.detail.includes('amsterdam/')));
});

failover('the VPN gateway\'s active instance fails: its tunnel is down until the standby takes over (unplanned 180 s, the worst case of [VPNHA24])', () => {
  const { run, log } = prepare(`
name: gw
model: cloud-exchange
duration: 250s
circuit: { bfd: true }
sites: [{ name: hq }]
vpn: { sku: VpnGw2 }
traffic: [{ name: voice, kind: cbr, from: hq, to: vnet, rate: 80kbps, size: 200B }]
failures:
  - { target: circuit, at: 5s }
  - { target: vpn-gateway, at: 30s }
`);
  run.sim.run({ until: 250e9 - 1 });
  const voice = run.flows[0]!.stats;
  assert.ok(log.rows.some((e) => e.event === 'gateway_failover'));
  // Down 180 s, then the tunnel's session returns after 5 s of re-establishment; DPD (45 s) withdrew it meanwhile.
  assert.ok(log.rows.some((e) => e.event === 'dpd_timeout' && e.timeNs === 75e9));
  assert.ok(voice.longestGapNs >= 185e9 && voice.longestGapNs < 186e9, `outage ${voice.longestGapNs / 1e9} s`);
  assert.ok(voice.vpnPackets > 0);
});

failover('the MSEE-to-gateway link is outside BFD [BFD20]: its failure is noticed by BGP at the MSEE\'s 60/180 s, between 120 and 180 s after it, though the circuit has BFD', () => {
  const yaml = LEG.replace('duration: 30s', 'duration: 250s').replace('failures: [{ target: primary, at: 5s, for: 10s }]', 'failures: [{ target: msee-primary--er-gateway, at: 5s, for: 240s }]');
  const { run, log } = prepare(yaml);
  run.sim.run({ until: 250e9 - 1 });
  assert.not.ok(log.rows.some((e) => e.event === 'bfd_down'), 'no BFD session covers the link');
  const held = log.rows.filter((e) => e.event === 'hold_expired');
  assert.equal(held.map((e) => [e.subject, e.detail]), [['er-primary/gateway', 'msee-primary--er-gateway']]);
  assert.ok(held[0]!.timeNs >= 125e9 && held[0]!.timeNs <= 185e9, `hold expired at ${held[0]!.timeNs / 1e9} s`);
  // Until then the flows hashed onto the primary leg are lost at the link; after it they move to the secondary.
  const up = run.flows.filter((f) => f.config.name.startsWith('up-')).map((f) => f.stats);
  assert.ok(up.some((f) => f.longestGapNs >= held[0]!.timeNs - 5e9), 'a flow on the primary was cut off until the hold timer expired');
});

failover('active/passive: every flow uses the primary leg, and the secondary only while the primary is down', () => {
  const { run, log } = prepare(LEG.replace('circuit: { bfd: true }', 'circuit: { bfd: true }\nrouting: { activePassive: true }'));
  const tx = (id: string) => tally(run, id).txPackets;
  run.sim.run({ until: 5e9 - 1 });
  assert.is(tx('exchange-secondary->msee-secondary') + tx('msee-secondary->exchange-secondary'), 0);
  assert.ok(tx('exchange-primary->msee-primary') > 0 && tx('msee-primary->exchange-primary') > 0);
  run.sim.run({ until: 30e9 - 1 });
  assert.ok(tx('exchange-secondary->msee-secondary') > 0, 'secondary used during the failure');
  assert.ok(log.rows.some((e) => e.event === 'failback' && e.timeNs >= 20e9), 'back to the primary after the repair');
});

failover('a flap shorter than BFD detection goes unnoticed; a repair during convergence still fails back', () => {
  const flap = LEG.replace('failures: [{ target: primary, at: 5s, for: 10s }]', 'failures: [{ target: primary, at: 5s, for: 100ms }, { target: primary, at: 10s, for: 2s }]');
  const { run, log } = prepare(flap);
  run.sim.run({ until: 30e9 - 1 });
  const masked = log.rows.filter((e) => e.event === 'flap_masked');
  assert.is(masked.length, 1);
  assert.ok(masked[0]!.timeNs === 5.1e9);
  // The second failure is detected; its repair at 12 s comes before the gateway converges (detection + 10 s), and everything returns.
  assert.is(log.rows.filter((e) => e.event === 'bfd_down').length, 1);
  const withdrawnAzure = log.rows.find((e) => e.event === 'route_withdrawn' && e.detail.includes('azure'))!;
  assert.ok(withdrawnAzure.timeNs > 12e9);
  const up = log.rows.find((e) => e.event === 'session_up')!;
  assert.is(up.timeNs, 17e9);
  assert.ok(log.rows.some((e) => e.event === 'route_installed' && e.detail.includes('azure')));
  for (const f of run.flows) assert.is(f.stats.vpnPackets, 0);
});

const replay = suite('random failures replay');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-replay-'));

replay('a fixed seed gives identical events.csv bytes twice; another seed gives other failure times', async () => {
  const s = loadScenarioFile('scenarios/random-failures.yaml');
  const events = async (dir: string, seed?: number) => {
    await runScenario(s, { outDir: path.join(tmp, dir), ...(seed !== undefined ? { seed } : {}) });
    return fs.readFileSync(path.join(tmp, dir, 'events.csv'), 'utf8');
  };
  const a = await events('a');
  const b = await events('b');
  const c = await events('c', 99);
  assert.ok(a.split('\n').filter((l) => l.includes(',link_down,')).length >= 3, 'several failures happened');
  assert.is(a, b);
  assert.is.not(a, c);
});

replay.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
detection.run();
failover.run();
replay.run();
