import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { reviewScenario, RULES } from '../sim/review/review-scenario';
import { loadScenarioFile, parseScenarioText } from '../sim/scenario/load-scenario';
import { ersimInProcess } from './helpers/cli';

/** A design with nothing to flag but its one peering location (a note: the VPN backs it up). */
const base = (fields: { circuit?: string; routing?: string; vpn?: string; gateway?: string; traffic?: string } = {}) => `
name: crafted
model: point-to-point
duration: 2s
circuit: { bandwidth: 1Gbps, bfd: true${fields.circuit ?? ''} }
gateway: { sku: ErGw1Az${fields.gateway ?? ''} }
sites: [{ name: hq, distance: 20km }]
routing: { premisesPreferEr: true${fields.routing ?? ''} }
vpn: { sku: VpnGw2${fields.vpn ?? ''} }
traffic:
  - { name: voice, kind: cbr, from: hq, to: vnet, rate: 80kbps, size: 200B }
${fields.traffic ?? ''}`;

const review = (yaml: string) => reviewScenario(parseScenarioText(yaml, 'crafted.yaml'));

const rules = suite('review rules');

rules('the base design has only the note on its one peering location', () => {
  assert.equal(review(base()).map((f) => [f.rule, f.severity]), [['single-peering-location', 'info']]);
});

/** Circuits at two peering locations and a VPN of `sku`. */
const twoLocations = (sku: string) => `
name: two
model: point-to-point
duration: 2s
circuits:
  - { name: london, peeringLocation: London }
  - { name: amsterdam, peeringLocation: Amsterdam }
gateway: { sku: ErGw2Az }
sites: [{ name: hq }]
vpn: { sku: ${sku} }
`;

/** Five circuits from one peering location, more than a virtual network may connect [ERGW]. */
const FIVE_CIRCUITS = `
name: five
model: point-to-point
duration: 2s
gateway: { sku: ErGw2Az }
circuits:
${[1, 2, 3, 4, 5].map((i) => `  - { name: c${i}, peeringLocation: London }`).join('\n')}
sites: [{ name: hq }]
`;

/** Each rule, a design crafted to break it, the severity expected and a word its message must hold (the element it names, or its figure). */
const CASES: [string, string, 'error' | 'warning', RegExp][] = [
  ['vpn-more-specific', base({ vpn: ', vpnPrefixLength: 24' }), 'error', /\/24 over the VPN.*\/16 over ExpressRoute/],
  ['no-er-preference', base({ routing: '' }).replace('premisesPreferEr: true', 'premisesPreferEr: false'), 'error', /premisesPreferEr/],
  ['bfd-off', base().replace('bfd: true', 'bfd: false'), 'warning', /circuit circuit .*180s/],
  ['single-peering-location', base().replace(/vpn: .*\n/, ''), 'warning', /peering location peering-location/],
  ['vpn-too-small', base({ traffic: '  - { name: data, kind: cbr, from: hq, to: vnet, rate: 700Mbps, size: 1000B }' }).replace('VpnGw2', 'VpnGw1'), 'error', /data.*739Mbps.*650Mbps/],
  ['vpn-gateway-unsupported', base({ vpn: ', type: policy-based' }), 'error', /policy-based/],
  ['dual-stack-coexistence', base({ routing: ', dualStack: true' }), 'error', /dualStack/],
  ['prefix-limit-msee', base({ routing: ', advertisedPrefixes: 3500' }), 'warning', /circuit circuit: 3500 prefixes against a limit of 4000/],
  ['prefix-limit-gateway', base({ routing: ', vnetPrefixes: 1200' }), 'error', /1200 prefixes against a limit of 1000/],
  ['prefix-limit-vpn', base({ routing: ', advertisedPrefixes: 3500', circuit: ', premium: true' }), 'warning', /VPN gateway: 3500 prefixes against a limit of 4000/],
  ['bandwidth-headroom', base({ traffic: '  - { name: reads, kind: cbr, from: vnet, to: hq, rate: 900Mbps, size: 1000B }' }).replace('VpnGw2', 'VpnGw4'), 'warning', /reads offer 900Mbps from-azure on circuit circuit/],
  ['vpn-tunnel-pps', base({ traffic: '  - { name: calls, kind: cbr, from: hq, to: vnet, rate: 150Mbps, size: 200B }' }).replace('VpnGw2', 'VpnGw1'), 'error', /voice, calls offer 93800 packets\/s .* VpnGw1's 62000 per tunnel \(151%\)/],
  ['vpn-only-backup-critical', base().replace('model: point-to-point', 'critical: true\nmodel: point-to-point'), 'warning', /critical is true, every circuit is at peering location peering-location/],
  ['er-gateway-learned-routes', base({ routing: ', advertisedPrefixes: 4500', circuit: ', premium: true' }), 'error', /4500 routes learned against ErGw1Az's limit of 4000/],
  ['circuits-per-peering-location', FIVE_CIRCUITS, 'error', /5 circuits \(c1, c2, c3, c4, c5\) from peering location London/],
  ['er-gateway-capacity', base({ traffic: '  - { name: small, kind: cbr, from: hq, to: vnet, rate: 700Mbps, size: 100B }' }).replace('VpnGw2', 'VpnGw5'), 'error', /small.*875050 packets\/s against 100000/],
];

rules('the crafted cases cover every rule', () => {
  assert.equal(CASES.map((c) => c[0]).sort(), RULES.map((r) => r.id).sort());
});

for (const [rule, yaml, severity, message] of CASES) {
  rules(`${rule} fires, as a ${severity}, on a design crafted to break it`, () => {
    const hits = review(yaml).filter((f) => f.rule === rule);
    assert.ok(hits.length > 0, `no ${rule} in ${JSON.stringify(review(yaml).map((f) => f.rule))}`);
    assert.ok(hits.some((f) => f.severity === severity && message.test(f.message)), JSON.stringify(hits));
    for (const f of hits) assert.match(f.source, /^(\[[A-Z0-9-]+\])+$/);
  });
}

rules('Premium raises the MSEE prefix limit: 4500 is an error on Standard and nothing on Premium (45% of 10,000)', () => {
  const msee = (premium: string) => review(base({ routing: ', advertisedPrefixes: 4500', circuit: premium })).filter((f) => f.rule === 'prefix-limit-msee');
  assert.equal(msee('').map((f) => f.severity), ['error']);
  assert.equal(msee(', premium: true'), []);
});

rules('er-gateway-learned-routes: an ErGwScale20 learns up to 60,000 routes, but past 11,000 Microsoft advises against it (a warning); 2 x 5,000 is nothing', () => {
  const scale = (prefixes: number) =>
    review(`
name: scale
model: point-to-point
duration: 2s
circuits:
  - { name: london, peeringLocation: London, premium: true }
  - { name: amsterdam, peeringLocation: Amsterdam, premium: true }
gateway: { sku: ErGwScale20 }
sites: [{ name: hq }]
routing: { advertisedPrefixes: ${prefixes} }
`).filter((f) => f.rule === 'er-gateway-learned-routes');
  const over = scale(6000);
  assert.equal(over.map((f) => f.severity), ['warning']);
  assert.match(over[0]!.message, /12000 routes learned, over the 11000 Microsoft advises \(ErGwScale20 allows 60000\)/);
  assert.equal(scale(5000), []);
});

rules('vpn-only-backup-critical: not without critical, nor with circuits at two locations', () => {
  const critical = (yaml: string) => review(yaml).filter((f) => f.rule === 'vpn-only-backup-critical');
  assert.equal(critical(base()), []);
  assert.equal(critical(twoLocations('VpnGw2AZ').replace('model:', 'critical: true\nmodel:')), []);
});

rules('vpn-tunnel-pps: 1,400 B packets at the same 150 Mbps are 13,400 packets/s, far under the cap; Basic publishes no cap', () => {
  const big = base({ traffic: '  - { name: calls, kind: cbr, from: hq, to: vnet, rate: 150Mbps, size: 1400B }' }).replace('VpnGw2', 'VpnGw1');
  assert.equal(review(big).filter((f) => f.rule === 'vpn-tunnel-pps'), []);
  const basic = base({ traffic: '  - { name: calls, kind: cbr, from: hq, to: vnet, rate: 50Mbps, size: 100B }' }).replace('VpnGw2', 'Basic');
  assert.equal(review(basic).filter((f) => f.rule === 'vpn-tunnel-pps'), []);
});

rules('a VPN too small only when every circuit fails is a warning, not an error, with circuits at two locations', () => {
  const yaml = `${twoLocations('VpnGw1')}traffic:
  - { name: data, kind: cbr, from: hq, to: vnet, rate: 700Mbps, size: 1000B }
`;
  const hits = review(yaml).filter((f) => f.rule === 'vpn-too-small');
  assert.ok(hits.length > 0 && hits.every((f) => f.severity === 'warning' && /when every circuit fails/.test(f.message)), JSON.stringify(hits));
});

rules('a custom topology polices its own links: no bandwidth-headroom from the circuit block\'s bandwidth', () => {
  const yaml = `
name: custom
model: custom
duration: 2s
custom:
  nodes: [{ id: hq, role: premises }, { id: msee, role: msee }, { id: gw, role: er-gateway }, { id: vnet, role: vnet }]
  links:
    - { from: hq, to: msee, bandwidth: 10Gbps, leg: primary }
    - { from: msee, to: gw, bandwidth: 10Gbps }
    - { from: gw, to: vnet, bandwidth: 10Gbps }
traffic:
  - { name: d, kind: cbr, from: hq, to: vnet, rate: 900Mbps, size: 1000B }
`;
  // 900 Mbps of 1,000-byte packets: 90% of ErGw1Az's 1 Gbps (a warning) and 112,500 of its 100,000 packets/s (an error).
  assert.equal(review(yaml).map((f) => [f.rule, f.severity]), [['er-gateway-capacity', 'error'], ['er-gateway-capacity', 'warning']]);
});

/**
 * The bundled scenarios that deliberately show a mistake, with the rules (warning or error) they
 * must fire; every other bundled scenario must fire none. The four model demos have one circuit
 * and no VPN: Standard resiliency, which [RESIL] does not recommend for critical workloads, so
 * the review is right to warn; their normal-operation figures are what they exist to show.
 */
const DELIBERATE: Record<string, string[]> = {
  'asymmetric-routing.yaml': ['no-er-preference'],
  'failover-circuit-no-bfd.yaml': ['bfd-off'],
  'requests-failover.yaml': ['bfd-off'],
  'failover-vpn-too-small.yaml': ['vpn-gateway-unsupported', 'vpn-too-small'],
  'failover-vpn-packet-rate.yaml': ['vpn-tunnel-pps'],
  'any-to-any-branches.yaml': ['single-peering-location'],
  'cloud-exchange-london.yaml': ['single-peering-location'],
  'direct-amsterdam.yaml': ['single-peering-location'],
  'point-to-point-frankfurt.yaml': ['single-peering-location'],
};

const bundled = suite('review of the bundled scenarios');

const SCENARIOS = fs.readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

for (const file of SCENARIOS) {
  bundled(`${file}: ${DELIBERATE[file] === undefined ? 'no warning or error' : `exactly ${DELIBERATE[file].join(', ')}`}`, () => {
    const flagged = reviewScenario(loadScenarioFile(path.join('scenarios', file))).filter((f) => f.severity !== 'info');
    assert.equal([...new Set(flagged.map((f) => f.rule))].sort(), DELIBERATE[file] ?? []);
  });
}

const cli = suite('ersim review');

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-review-'));

cli('exit code 0 with notes only, 1 with an error, 2 for a bad file; --format csv has one row per finding', async () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'good.yaml'), base());
  fs.writeFileSync(path.join(dir, 'bad.yaml'), base({ vpn: ', vpnPrefixLength: 24' }));
  fs.writeFileSync(path.join(dir, 'broken.yaml'), base({ routing: ', advertisedPrefixes: -1' }));
  assert.is((await ersimInProcess(['review', 'good.yaml'], dir)).code, 0);
  const bad = await ersimInProcess(['review', 'bad.yaml', '--format', 'csv'], dir);
  assert.is(bad.code, 1);
  const lines = bad.out.trim().split('\n');
  assert.is(lines[0], 'file,severity,rule,subject,message,reason,source');
  assert.equal(lines.slice(1).map((l) => l.split(',')[2]), ['vpn-more-specific', 'single-peering-location']);
  const broken = await ersimInProcess(['review', 'broken.yaml'], dir);
  assert.is(broken.code, 2);
  assert.match(broken.err, /routing\.advertisedPrefixes/);
});

cli('--rules lists every rule', async () => {
  const r = await ersimInProcess(['review', '--rules'], tmp());
  assert.is(r.code, 0);
  for (const rule of RULES) assert.match(r.out, new RegExp(`^${rule.id}\\s`, 'm'));
});

cli('validate prints the findings and still exits 0', async () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'bad.yaml'), base({ vpn: ', vpnPrefixLength: 24' }));
  const r = await ersimInProcess(['validate', 'bad.yaml'], dir);
  assert.is(r.code, 0);
  assert.match(r.out, /error\s+vpn-more-specific/);
});

cli('--demonstrate runs the variant of each finding and prints the figures that prove it', async () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'bad.yaml'), base({ vpn: ', vpnPrefixLength: 24' }).replace('premisesPreferEr: true', 'premisesPreferEr: false'));
  const r = await ersimInProcess(['review', 'bad.yaml', '--demonstrate', '--out', 'demo'], dir);
  assert.is(r.code, 1);
  // More specific over the VPN, with the on-premises preference corrected: Azure sends over the VPN, the site over ExpressRoute.
  const figure = (demo: string, flow: string, name: string) => {
    const block = r.out.split('demonstration of ').find((b) => b.startsWith(demo))!;
    return new RegExp(`${flow}\\s+${name}\\s+(\\S+)`).exec(block)?.[1];
  };
  assert.is(figure('vpn-more-specific', 'probe-from-azure', 'vpn_share_pct'), '100.0000');
  assert.is(figure('vpn-more-specific', 'probe-to-azure', 'er_share_pct'), '100.0000');
  // No ExpressRoute preference, with the prefixes corrected: the site sends over the VPN, Azure answers over ExpressRoute.
  assert.is(figure('no-er-preference', 'probe-to-azure', 'vpn_share_pct'), '100.0000');
  assert.is(figure('no-er-preference', 'probe-from-azure', 'er_share_pct'), '100.0000');
  assert.ok(fs.existsSync(path.join(dir, 'demo', 'vpn-more-specific-vpn', 'as-designed', 'summary.csv')));
  assert.ok(fs.existsSync(path.join(dir, 'demo', 'single-peering-location-peering-location-peering-location', 'location-outage', 'events.csv')));
});

cli('--demonstrate with BFD off: the hold timer (10 s here) against BFD, in the outage of a circuit failure', async () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'nobfd.yaml'), base({ routing: ', bgp: { keepalive: 3s, hold: 10s }' }).replace('bfd: true', 'bfd: false'));
  const r = await ersimInProcess(['review', 'nobfd.yaml', '--demonstrate', '--out', 'demo'], dir);
  assert.is(r.code, 0);
  const block = r.out.split('demonstration of ').find((b) => b.startsWith('bfd-off'))!;
  const outage = (variant: string) => Number(new RegExp(`${variant}\\s+probe-to-azure\\s+outage_ms\\s+(\\S+)`).exec(block)![1]);
  // Site to Azure waits for detection: BFD 0.6-0.9 s (300 ms x 3) against the hold timer, 7-10 s (hold 10 s less one 3 s keepalive).
  assert.ok(outage('bfd-on') < 1000, `${outage('bfd-on')}`);
  assert.ok(outage('bfd-off') > 7000 && outage('bfd-off') <= 10_000 + 20, `${outage('bfd-off')}`);
});

rules.run();
bundled.run();
cli.run();
