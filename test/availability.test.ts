import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { availabilityCommand } from '../sim/cli/availability-command';
import { UsageError } from '../sim/cli/usage-error';
import { loadScenarioFile, parseScenarioText } from '../sim/scenario/load-scenario';
import { MS_PER_YEAR } from '../sim/study/availability-model';
import { tQuantile975 } from '../sim/study/statistics';
import { AVAILABILITY_HEADERS, AvailabilityRow, runAvailabilityStudy, writeAvailabilityFolder } from '../sim/study/availability-study';

const MIN_PER_YEAR = MS_PER_YEAR / 60_000;
const BUNDLED = 'scenarios/availability-two-legs.yaml';

/** Two legs of a point-to-point circuit failing independently: MTBF 100 h, MTTR 10 h, exponential; a VPN whose internet path fails alike. */
const twoLegs = (failures = 'primary, secondary, internet', dist = '') =>
  parseScenarioText(
    `
name: two-legs
model: point-to-point
duration: 10s
circuit: { bfd: true }
sites: [{ name: hq }]
vpn: {}
failures: [${failures.split(', ').map((t) => `{ target: ${t}, mtbf: 100h, mttr: 10h ${dist} }`).join(', ')}]
`,
    'two-legs.yaml',
  );

/** One leg alone: a custom topology with a single ExpressRoute leg. */
const oneLeg = (dist: string) =>
  parseScenarioText(
    `
name: one-leg
model: custom
duration: 10s
custom:
  nodes: [{ id: hq, role: premises }, { id: msee, role: msee }, { id: gw, role: er-gateway }, { id: vnet, role: vnet }]
  links:
    - { from: hq, to: msee, bandwidth: 1Gbps, leg: primary }
    - { from: msee, to: gw, bandwidth: 10Gbps }
    - { from: gw, to: vnet, bandwidth: 10Gbps }
failures: [{ target: primary, mtbf: 100h, mttr: 10h ${dist} }]
`,
    'one-leg.yaml',
  );

const row = (rows: AvailabilityRow[], design: string): AvailabilityRow => {
  const r = rows.find((x) => x.design === design);
  assert.ok(r, `no row for ${design}`);
  return r;
};

/** The analytic downtime lies in the measured 95 % interval, which is tight (half-width under `tight` of it). */
function assertCovers(r: AvailabilityRow, unavailability: number, tight: number): void {
  const analytic = unavailability * MIN_PER_YEAR;
  assert.ok(r.ciLow <= analytic && analytic <= r.ciHigh, `${r.design}: analytic ${analytic.toFixed(1)} min/yr outside [${r.ciLow.toFixed(1)}, ${r.ciHigh.toFixed(1)}]`);
  assert.ok((r.ciHigh - r.ciLow) / 2 < tight * analytic, `${r.design}: interval [${r.ciLow.toFixed(1)}, ${r.ciHigh.toFixed(1)}] is not tight`);
  assert.ok(Math.abs(100 - r.availabilityPct - 100 * unavailability) < tight * 100 * unavailability);
}

const analytic = suite('availability against analytic results');

analytic('two independent legs, MTBF 100 h, MTTR 10 h, no routing delays: unavailability (10/110)^2 = 0.826%', () => {
  const { rows } = runAvailabilityStudy(twoLegs(), { years: 100, replications: 20, seed: 1, routingDelays: false });
  assertCovers(row(rows, 'ExpressRoute only'), (10 / 110) ** 2, 0.03);
  // With the VPN's internet path as a third independent element: (10/110)^3 = 0.0751%.
  assertCovers(row(rows, 'ExpressRoute plus VPN'), (10 / 110) ** 3, 0.08);
});

analytic('one leg alone: unavailability MTTR / (MTBF + MTTR) = 9.09%, exponential and Weibull (shape 2)', () => {
  for (const dist of ['', ', dist: weibull, shape: 2']) {
    const { rows } = runAvailabilityStudy(oneLeg(dist), { years: 100, replications: 20, seed: 2, routingDelays: false });
    assert.is(rows.length, 1);
    assertCovers(rows[0]!, 10 / 110, 0.03);
  }
});

analytic('Student t quantiles: the table and the expansion beyond it', () => {
  assert.ok(Math.abs(tQuantile975(1) - 12.7062) < 1e-4);
  assert.ok(Math.abs(tQuantile975(19) - 2.0930) < 1e-4);
  assert.ok(Math.abs(tQuantile975(40) - 2.0211) < 1e-4);
  assert.ok(Math.abs(tQuantile975(120) - 1.9799) < 1e-4);
});

const failover = suite('availability: detection and failover');

failover('detection adds downtime: BFD off (hold 180 s) loses more than BFD on, same seed; a leg failover lasts detection + convergence', () => {
  const on = runAvailabilityStudy(loadScenarioFile(BUNDLED), { years: 10, replications: 20, seed: 1 });
  const off = runAvailabilityStudy(loadScenarioFile(BUNDLED, ['circuit.bfd=false']), { years: 10, replications: 20, seed: 1 });
  const a = row(on.rows, 'ExpressRoute only');
  const b = row(off.rows, 'ExpressRoute only');
  assert.ok(b.downtimeMinPerYear > a.downtimeMinPerYear + 10, `${b.downtimeMinPerYear} vs ${a.downtimeMinPerYear}`);
  // Common random numbers: the same failures, so (but for outages a longer detection merges) as many outages.
  assert.ok(a.outagesPerYear > 5 && Math.abs(b.outagesPerYear - a.outagesPerYear) < 0.01 * a.outagesPerYear);
  // Most outages are one leg failing: BFD (0.6 to 0.9 s after it) or the hold timer (120 to 180 s), then 10 s of gateway convergence.
  assert.ok(a.outageP50Min > 10.6 / 60 && a.outageP50Min <= 10.9 / 60, `${a.outageP50Min}`);
  assert.ok(b.outageP50Min > 130 / 60 && b.outageP50Min <= 190 / 60, `${b.outageP50Min}`);
});

failover('ExpressRoute plus VPN has less downtime and blackout than ExpressRoute only, same seed', () => {
  const { rows } = runAvailabilityStudy(twoLegs(), { years: 20, replications: 10, seed: 3 });
  const er = row(rows, 'ExpressRoute only');
  const vpn = row(rows, 'ExpressRoute plus VPN');
  assert.ok(vpn.downtimeMinPerYear < er.downtimeMinPerYear, `${vpn.downtimeMinPerYear} vs ${er.downtimeMinPerYear}`);
  assert.ok(vpn.blackoutMinPerYear < er.blackoutMinPerYear);
  assert.ok(vpn.outageMaxMin < er.outageMaxMin);
  for (const r of rows) assert.is(r.slaPct, 99.95);
  assert.is(vpn.vpnSlaPct, 99.9);
});

failover('designs: two circuits only with two circuits; scheduled failures are left out with a note', () => {
  const one = runAvailabilityStudy(twoLegs('primary'), { years: 1, replications: 2, seed: 1 });
  assert.equal(one.rows.map((r) => r.design), ['ExpressRoute only', 'ExpressRoute plus VPN']);
  assert.ok(one.notes.some((n) => n.startsWith('two circuits: skipped')));
  const two = runAvailabilityStudy(loadScenarioFile('scenarios/failover-two-locations.yaml'), { years: 1, replications: 2, seed: 1 });
  assert.equal(two.rows.map((r) => r.design), ['ExpressRoute only', 'ExpressRoute plus VPN', 'two circuits', 'two circuits plus VPN']);
  assert.ok(two.notes.some((n) => n.includes('scheduled')));
});

const files = suite('availability.csv');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-availability-'));

files('the same seed gives byte-identical availability.csv; another seed a different one', async () => {
  const s = loadScenarioFile(BUNDLED);
  const write = async (dir: string, seed: number) =>
    fs.readFileSync(await writeAvailabilityFolder(path.join(tmp, dir), runAvailabilityStudy(s, { years: 10, replications: 20, seed })), 'utf8');
  const a = await write('a', 1);
  const b = await write('b', 1);
  const c = await write('c', 2);
  assert.is(a, b);
  assert.is.not(a, c);
  assert.is(a.split('\n')[0], AVAILABILITY_HEADERS.join(','));
  assert.is(a.split('\n').length, 4);
  assert.equal(fs.readdirSync(path.join(tmp, 'a')), ['.ersim-output', 'availability.csv']);
});

files('the command writes DIR/<name>-availability/availability.csv and refuses bad flags', async () => {
  const log = console.log;
  console.log = () => {};
  try {
    assert.is(await availabilityCommand([BUNDLED, '--years', '2', '--replications', '3', '--out', path.join(tmp, 'cli')]), 0);
  } finally {
    console.log = log;
  }
  assert.ok(fs.existsSync(path.join(tmp, 'cli', 'availability-two-legs-availability', 'availability.csv')));
  for (const bad of [['--years', '0'], ['--years', '1e3'], ['--replications', '0'], ['--seed', '-1'], ['--bogus']]) {
    await availabilityCommand([BUNDLED, ...bad]).then(
      () => assert.unreachable(`${bad.join(' ')} was accepted`),
      (err) => assert.instance(err, UsageError),
    );
  }
});

files.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
analytic.run();
failover.run();
files.run();
