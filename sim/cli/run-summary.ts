/** The table `ersim run` prints for each scenario: the headline figures of summary.csv. */
import type { RunResult } from '../run/run-scenario';
import { renderTable } from './table';

const mbps = (bps: string) => (Number(bps) / 1e6).toFixed(3);
const round = (x: string, d: number) => (x === '' ? '-' : Number(x).toFixed(d));

export function printRunSummary(r: RunResult, wallS: number): void {
  const s = r.scenario;
  console.log(
    `\n${s.name} (${s.model}, ${s.durationNs / 1e9} s simulated, seed ${r.seed}): ${r.events.toLocaleString('en-US')} events in ${wallS.toFixed(2)} s -> ${r.outDir}`,
  );
  if (r.flows.length === 0) {
    console.log('  (no traffic)');
    return;
  }
  // Request flows retransmit what is lost, so their loss reads 0 % while requests time out: show the timeouts beside it.
  const requests = r.flows.some((f) => f.requests !== '');
  console.log(
    renderTable(
      ['flow', 'kind', 'from > to', 'sent', 'loss %', ...(requests ? ['timed out'] : []), 'Mbps', 'p50 ms', 'p99 ms', 'jitter ms', 'outage ms', 'ER %', 'VPN %'],
      r.flows.map((f) => [
        f.flow, f.kind, `${f.src} > ${f.dst}`, f.sent_packets, round(f.loss_pct, 2),
        ...(requests ? [f.requests === '' ? '-' : `${f.requests_timed_out}/${f.requests}`] : []),
        mbps(f.throughput_bps), round(f.latency_p50_ms, 3), round(f.latency_p99_ms, 3), round(f.jitter_ms, 3), round(f.outage_ms, 1),
        round(f.er_share_pct, 1), round(f.vpn_share_pct, 1),
      ]),
    ),
  );
}
