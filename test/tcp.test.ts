import * as fs from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESP_TUNNEL_OVERHEAD_BYTES } from '../sim/domain/expressroute';
import { runScenario } from '../sim/run/run-scenario';
import { parseScenarioText } from '../sim/scenario/load-scenario';
import { simulate, tally } from './helpers/simulate';
import { mathisRun, tcpPath } from './helpers/tcp-path';

/**
 * TCP against theory. Mathis et al. (1997): a long NewReno flow with loss rate p and round-trip
 * time R achieves MSS / R x sqrt(3 / (2 b)) / sqrt(p), b the segments per ACK. Tolerance 20 %:
 * the formula ignores timeouts and the slow start after them, which matter at p = 1e-2, and
 * random loss gives up to 10 % more than periodic loss (losses cluster, and a window halves
 * once per cluster); measured figures are in the README.
 */
const mathis = suite('TCP NewReno against the Mathis formula');

const PAIRS: [number, number][] = [
  [1e-4, 10e6],
  [1e-3, 50e6],
  [1e-2, 100e6],
];

/**
 * Long enough for 1,200 loss events, 400 at p = 1e-4 (4 M packets, a third of this suite's time
 * at 1,200): the random-loss ratio's standard error there is still about 2.5 %, inside 20 %.
 */
function lossEvents(p: number): number {
  return p <= 1e-4 ? 400 : 1200;
}

function goodput(p: number, rttNs: number, delayedAck: boolean, periodic: boolean) {
  return mathisRun({ p, rttNs, periodic, lossEvents: lossEvents(p) }, { delayedAck });
}

for (const periodic of [true, false]) {
  for (const [p, rtt] of PAIRS) {
    mathis(`p = ${p}, R = ${rtt / 1e6} ms, ${periodic ? 'periodic' : 'random'} loss, no delayed ACKs (b = 1): within 20 %${p <= 1e-3 ? ', no timeout' : ''}`, () => {
      const { got, theory, losses, timeouts } = goodput(p, rtt, false, periodic);
      assert.ok(losses >= 0.8 * lossEvents(p), `${losses} loss events`);
      // At p = 1e-2 windows of a few segments lose retransmissions and miss three duplicates: timeouts are expected there.
      if (p <= 1e-3) assert.is(timeouts, 0, 'timeouts');
      assert.ok(Math.abs(got / theory - 1) <= 0.2, `${(got / 1e6).toFixed(3)} Mbps vs ${(theory / 1e6).toFixed(3)} Mbps`);
    });
  }
}

for (const periodic of [true, false]) {
  mathis(`delayed ACKs (b = 2), p = 1e-3, R = 50 ms, ${periodic ? 'periodic' : 'random'} loss: within 20 %`, () => {
    const { got, theory } = goodput(1e-3, 50e6, true, periodic);
    assert.ok(Math.abs(got / theory - 1) <= 0.2, `${(got / 1e6).toFixed(3)} Mbps vs ${(theory / 1e6).toFixed(3)} Mbps`);
  });
}

const capacity = suite('TCP on clean paths');

capacity('one CUBIC flow on a clean 1 Gbps path with a window above the BDP: at least 90 % of capacity less headers', () => {
  // 10 ms RTT: BDP 1.25 MB; queue of one BDP so losses at the queue never starve the link.
  const { sim, flows } = tcpPath({ capacityBps: 1e9, rttNs: 10e6, queueBytes: 1.25e6 }, { cc: 'cubic', delayedAck: true, sack: true, rwndBytes: 16e6 }, [{ startNs: 0, stopNs: 20e9 }]);
  const f = flows[0]!;
  sim.run({ until: 5e9 });
  const at5 = f.tcp.goodputBytes;
  sim.run({ until: 20e9 });
  const got = ((f.tcp.goodputBytes - at5) * 8) / 15;
  const ceiling = (1e9 * 1460) / (1460 + 40);
  assert.ok(got >= 0.9 * ceiling, `${(got / 1e6).toFixed(1)} Mbps of ${(ceiling / 1e6).toFixed(1)}`);
});

capacity('four flows with equal RTTs share a bottleneck fairly (Jain index at least 0.9), NewReno and CUBIC', () => {
  for (const cc of ['newreno', 'cubic'] as const) {
    const starts = [0, 1, 2, 3];
    const { sim, flows } = tcpPath({ capacityBps: 100e6, rttNs: 20e6, queueBytes: 250e3 }, { cc, delayedAck: true, sack: true }, starts.map((s) => ({ startNs: s * 1e9, stopNs: 80e9 })));
    sim.run({ until: 20e9 });
    const before = flows.map((f) => f.tcp.goodputBytes);
    sim.run({ until: 80e9 });
    const shares = flows.map((f, i) => f.tcp.goodputBytes - before[i]!);
    const sum = shares.reduce((a, b) => a + b, 0);
    const jain = (sum * sum) / (shares.length * shares.reduce((a, b) => a + b * b, 0));
    assert.ok(jain >= 0.9, `${cc}: Jain index ${jain.toFixed(3)} (${shares.map((x) => ((x * 8) / 60e6).toFixed(1)).join(', ')} Mbps)`);
    assert.ok((sum * 8) / 60 > 0.85 * 100e6, `${cc}: the bottleneck is used`);
  }
});

const policed = suite('TCP through ExpressRoute');

policed('through a leg policer at the circuit rate: goodput below the rate, drops counted at the policer', () => {
  const run = simulate(`
name: tcp-policer
model: cloud-exchange
duration: 30s
circuit: { bandwidth: 100Mbps }
sites: [{ name: hq, distance: 200km }]
traffic: [{ name: backup, kind: tcp, from: hq, to: vnet, cc: cubic }]
`);
  const f = run.flows[0]!;
  const goodput = (f.tcp!.goodputBytes * 8) / 30;
  assert.ok(goodput < 100e6 && goodput > 50e6, `${(goodput / 1e6).toFixed(1)} Mbps`);
  const drops = tally(run, 'exchange-primary->msee-primary').drops.policer + tally(run, 'exchange-secondary->msee-secondary').drops.policer;
  assert.ok(drops > 0);
  assert.is(drops, f.stats.lostPackets);
  assert.ok(f.tcp!.retransmits >= drops);
});

policed('a bulk flow across a circuit failure with BFD: RTOs and the slow-start restart in timeseries.csv, then the VPN path\'s capacity', async () => {
  const text = `
name: tcp-failover
model: point-to-point
duration: 60s
interval: 500ms
circuit: { bandwidth: 200Mbps, bfd: true }
sites: [{ name: dc, distance: 100km }]
vpn: { sku: VpnGw2, internet: { bandwidth: 50Mbps, latency: 10ms, jitter: 0ms, loss: 0% } }
traffic: [{ name: backup, kind: tcp, from: dc, to: vnet, cc: cubic }]
failures: [{ target: circuit, at: 10s }]
`;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-tcp-'));
  await runScenario(parseScenarioText(text, 'tcp-failover.yaml'), { outDir: path.join(out, 'r') });
  const [header, ...lines] = fs.readFileSync(path.join(out, 'r', 'timeseries.csv'), 'utf8').trim().split('\n');
  fs.rmSync(out, { recursive: true, force: true });
  const col = (name: string) => header!.split(',').indexOf(name);
  const rows = lines.map((l) => l.split(',')).map((c) => ({ t: Number(c[col('time_s')]), goodput: Number(c[col('goodput_bps')]), cwnd: Number(c[col('cwnd_bytes')]), rto: Number(c[col('rto_timeouts')]), path: c[col('path')] }));
  // Data toward Azure moves to the VPN at BFD detection, but its ACKs come back over ExpressRoute
  // until the gateway converges (10 s), so the sender backs off its RTO meanwhile.
  const outage = rows.filter((r) => r.t >= 10 && r.t < 21);
  assert.ok(outage.reduce((n, r) => n + r.rto, 0) >= 3, 'several retransmission timeouts, backed off');
  assert.ok(outage.some((r) => r.goodput === 0));
  const restart = rows.find((r) => r.t > 10 && r.cwnd > 0 && r.cwnd <= 2 * 1360)!;
  assert.ok(restart !== undefined, 'the window falls to one segment');
  assert.ok(rows.some((r) => r.t > restart.t && r.cwnd > 20 * 1360), 'and grows again');
  // The last 20 s: 50 Mbps of internet access, each 1360 B segment (opened on ExpressRoute) carrying 40 B of headers and ESP_TUNNEL_OVERHEAD_BYTES of ESP.
  const last = rows.filter((r) => r.t >= 40);
  const got = last.reduce((n, r) => n + r.goodput, 0) / last.length;
  const capacity = (50e6 * 1360) / (1360 + 40 + ESP_TUNNEL_OVERHEAD_BYTES);
  assert.ok(Math.abs(got / capacity - 1) <= 0.2, `${(got / 1e6).toFixed(1)} Mbps vs ${(capacity / 1e6).toFixed(1)} Mbps`);
  assert.ok(last.every((r) => r.path === 'vpn'));
});

mathis.run();
capacity.run();
policed.run();
