import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Simulator } from '../sim/kernel/simulator';
import { FlowStats } from '../sim/metrics/flow-stats';
import { TcpStats } from '../sim/metrics/tcp-stats';
import type { NetNode } from '../sim/net/net-node';
import type { Packet } from '../sim/net/packet';
import type { TcpConfig } from '../sim/scenario/types';
import { TcpReceiver } from '../sim/traffic/tcp-receiver';
import type { TcpSegment } from '../sim/traffic/tcp-segment';
import { TcpSender } from '../sim/traffic/tcp-sender';
import { TCP_DEFAULTS } from './helpers/tcp-path';

/**
 * Loss recovery and the retransmission timer against RFC 5681, 6582, 6675 and 6298, on a
 * scripted path: a fixed one-way delay, no serialisation (a window's segments arrive together,
 * and their ACKs are handled one by one in order), MSS 1000 B, and data segments lost by
 * (first byte, transmission number). Each test lists, for every ACK the sender receives, the
 * congestion window, ssthresh, the pipe and when the retransmission timer fires, all worked
 * out by hand in the comments. The handshake's RTT sample sets RTO = max(200 ms, SRTT + 4 RTTVAR).
 */
const rfc = suite('TCP loss recovery, ACK by ACK');

const MSS = 1000;
const MS = 1e6;

interface Row {
  /** ms */
  t: number;
  ack: number;
  cwnd: number;
  ssthresh: number;
  pipe: number;
  /** When the retransmission timer fires, ms; undefined when it is off. */
  rto: number | undefined;
}

/** One flow of `segments` segments over the scripted path; returns the state after each ACK, the timeouts and the end time. */
function script(oneWayMs: number, segments: number, lost: [seqNo: number, transmission: number][], cfg: Partial<TcpConfig>) {
  const sim = new Simulator();
  const full: TcpConfig = { ...TCP_DEFAULTS, initialWindowSegments: 10, ...cfg };
  const sent = new Map<number, number>();
  const rows: Row[] = [];
  let doneAt: number | undefined;
  const dataNode = {
    index: 0,
    receive(p: Packet) {
      const seg = p as TcpSegment;
      if (seg.kind === 'data') {
        const n = (sent.get(seg.seqNo) ?? 0) + 1;
        sent.set(seg.seqNo, n);
        if (lost.some(([s, k]) => s === seg.seqNo && k === n)) return;
      }
      sim.schedule(oneWayMs * MS, () => receiver.onDeliver(p, sim.now));
    },
  };
  const ackNode = {
    index: 1,
    receive(p: Packet) {
      sim.schedule(oneWayMs * MS, () => {
        // ACKs of duplicates that arrive after the transfer completed reach a closed sender.
        if (doneAt !== undefined) return;
        const s = sender;
        s.onDeliver(p);
        const seg = p as TcpSegment;
        if (seg.kind !== 'ack') return;
        const rto = s.rtoDeadlineNs;
        rows.push({ t: sim.now / MS, ack: seg.ackNo, cwnd: s.cc.cwnd, ssthresh: s.cc.ssthresh, pipe: s.pipe, rto: rto === undefined ? undefined : rto / MS });
      });
    },
  };
  const stats = new FlowStats('f', 0, Infinity);
  const tcp = new TcpStats();
  const receiver = new TcpReceiver(sim, ackNode as unknown as NetNode, dataNode as unknown as NetNode, 1, full, stats, tcp, undefined);
  const sender = new TcpSender(sim, dataNode as unknown as NetNode, ackNode as unknown as NetNode, 1, full, MSS, segments * MSS, Infinity, stats, tcp, full.rwndBytes, () => {
    doneAt = sim.now / MS;
  });
  sender.receiver = receiver;
  receiver.sender = sender;
  sender.open();
  sim.run({ until: 10_000 * MS });
  return { rows, timeouts: tcp.timeouts, doneAt };
}

function row(t: number, ack: number, cwnd: number, ssthresh: number, pipe: number, rto: number | undefined): Row {
  return { t, ack, cwnd, ssthresh, pipe, rto };
}

rfc('SACK: a timeout that ends a stalled recovery halves the recovery\'s window, not the data SACKed meanwhile, and restarts from one segment (RFC 5681, RFC 6675 §5.1)', () => {
  // 10 ms each way, IW 5, 10 segments s0..s9; s1 is lost four times: first sent, fast
  // retransmission, and both resends after data sent later was SACKed.
  // t=20 SYN-ACK: SRTT 20, RTTVAR 10, RTO 200; s0..s4 leave, the timer is set for 220.
  const { rows, timeouts, doneAt } = script(10, 10, [1, 2, 3, 4].map((k) => [1000, k]), { sack: true, initialWindowSegments: 5 });
  assert.equal(rows, [
    // s0's ACK: slow start 5000 -> 6000, s5 and s6 leave (pipe 6000), the timer restarts: 40 + 200.
    row(40, 1000, 6000, Infinity, 6000, 240),
    // s2, s3, s4 SACKed: pipe = 6000 in flight - SACKed - the hole s1 (lost, not resent).
    row(40, 1000, 6000, Infinity, 4000, 240),
    row(40, 1000, 6000, Infinity, 3000, 240),
    // Third duplicate: ssthresh = cwnd = 6000 / 2; s1 is resent (and lost): pipe 6000 - 3000.
    row(40, 1000, 3000, 3000, 3000, 240),
    // s5, s6 SACKed: each frees one segment's room, and s7, s8 leave; duplicates leave the timer alone.
    row(60, 1000, 3000, 3000, 3000, 240),
    row(60, 1000, 3000, 3000, 3000, 240),
    // s7 SACKed: sent after s1's resend (sndMax then 7000), so that resend is lost: s1 again (lost);
    // s9, the last, leaves. s8 SACKed: nothing is left to send.
    row(80, 1000, 3000, 3000, 3000, 240),
    row(80, 1000, 3000, 3000, 2000, 240),
    // s9 SACKed, sent after the second resend (sndMax then 9000): s1 once more (lost).
    row(100, 1000, 3000, 3000, 1000, 240),
    // t=240: timeout. ssthresh max(3000 / 2, 2 MSS) = 2000 (the old code: 9000 outstanding / 2 =
    // 4500), cwnd one segment, RTO backed off to 400; s1 is resent a fifth time and everything is
    // acknowledged (slow start adds at most two segments per ACK: 3000).
    row(260, 10000, 3000, 2000, 0, undefined),
  ]);
  assert.is(timeouts, 1);
  assert.is(doneAt, 260);
});

rfc('SACK: a lost fast retransmission is resent once data sent after it is SACKed, without waiting for the timer', () => {
  // As above, but s1 is lost twice only: the resend at t=80 arrives.
  const { rows, timeouts, doneAt } = script(10, 10, [[1000, 1], [1000, 2]], { sack: true, initialWindowSegments: 5 });
  assert.equal(rows.slice(6), [
    row(80, 1000, 3000, 3000, 3000, 240),
    row(80, 1000, 3000, 3000, 2000, 240),
    // t=90 s1 arrives (ACK 9000), then s9 (ACK 10000). ACK 9000 covers the recovery point (7000):
    // recovery ends with cwnd = ssthresh, the timer restarts (100 + 200); s9 is in flight.
    row(100, 9000, 3000, 3000, 1000, 300),
    // Congestion avoidance: cwnd grows by MSS^2 / cwnd.
    row(100, 10000, 3000 + (MSS * MSS) / 3000, 3000, 0, undefined),
  ]);
  assert.is(timeouts, 0);
  assert.is(doneAt, 100);
});

rfc('SACK: ssthresh after a timeout halves FlightSize less the SACKed bytes, and no recovery starts before everything sent before the timeout is acknowledged (RFC 5681 eq. 4, RFC 6675 §5.1)', () => {
  // 10 ms each way, IW 10, 10 segments; s1..s7 lost, s4 lost again when resent after the timeout.
  // t=20: s0..s9 leave, timer 220.
  const lost: [number, number][] = [1, 2, 3, 4, 5, 6, 7].map((s) => [s * 1000, 1]);
  const { rows, timeouts, doneAt } = script(10, 10, [...lost, [4000, 2]], { sack: true });
  assert.equal(rows, [
    // s0's ACK: cwnd 11000, nothing new to send, timer 240. Then s8 and s9 SACKed: two duplicates only.
    row(40, 1000, 11000, Infinity, 9000, 240),
    row(40, 1000, 11000, Infinity, 1000, 240),
    row(40, 1000, 11000, Infinity, 0, 240),
    // t=240: timeout outside recovery. FlightSize 9000 less 2000 SACKed: ssthresh 3500 (the old
    // code: 4500); cwnd 1000, RTO 400; s1 is resent. Its ACK: slow start to 2000, s2 and s3 resent,
    // the timer restarts with the backed-off RTO: 260 + 400.
    row(260, 2000, 2000, 3500, 2000, 660),
    // cwnd 3000: s4 (lost again) and s5 resent; cwnd 4000: s6 and s7 resent, s8 and s9 skipped as SACKed.
    row(280, 3000, 3000, 3500, 3000, 680),
    row(280, 4000, 4000, 3500, 4000, 680),
    // s5, s6, s7 SACKed: three duplicates, but below the recovery point (10000, sent before the
    // timeout), so no fast retransmit (the old code entered recovery here).
    row(300, 4000, 4000, 3500, 3000, 680),
    row(300, 4000, 4000, 3500, 2000, 680),
    row(300, 4000, 4000, 3500, 1000, 680),
    // t=680: a second timeout, after new data was acknowledged: FlightSize 6000 less 5000 SACKed,
    // ssthresh max(500, 2 MSS) = 2000; s4 resent, and everything acknowledged 20 ms later.
    row(700, 10000, 3000, 2000, 0, undefined),
  ]);
  assert.is(timeouts, 2);
  assert.is(doneAt, 700);
});

rfc('NewReno without SACK: only the first partial ACK restarts the timer, so five holes end in a timeout, not one resend per round trip (RFC 6582 §3.2)', () => {
  // 30 ms each way, IW 10, 10 segments; s1, s3, s5, s7, s9 lost once.
  // t=60 SYN-ACK: SRTT 60, RTTVAR 30, RTO max(200, 180) = 200; s0..s9 leave, timer 260.
  const lost: [number, number][] = [1, 3, 5, 7, 9].map((s) => [s * 1000, 1]);
  const { rows, timeouts, doneAt } = script(30, 10, lost, { sack: false });
  assert.equal(rows, [
    // s0's ACK: RTTVAR 22.5, RTO still 200; cwnd 11000, timer 320. pipe is the flight without SACK.
    row(120, 1000, 11000, Infinity, 9000, 320),
    row(120, 1000, 11000, Infinity, 9000, 320),
    row(120, 1000, 11000, Infinity, 9000, 320),
    // Third duplicate: ssthresh 9000 / 2, s1 resent, cwnd 4500 + 3 segments; the fourth inflates by one.
    row(120, 1000, 7500, 4500, 9000, 320),
    row(120, 1000, 8500, 4500, 9000, 320),
    // First partial ACK: s3 resent, cwnd deflated by the 2000 acknowledged less one segment, timer 180 + 200.
    row(180, 3000, 7500, 4500, 7000, 380),
    // Later partial ACKs resend s5, s7, s9 and leave the timer at 380 (the old code: 440, 500, 560).
    row(240, 5000, 6500, 4500, 5000, 380),
    row(300, 7000, 5500, 4500, 3000, 380),
    row(360, 9000, 4500, 4500, 1000, 380),
    // t=380: timeout ending the recovery: ssthresh 4500 / 2 = 2250, cwnd 1000 and s9 resent; the
    // ACK of the s9 sent at 360 comes at 420 and completes the transfer (slow start: 2000).
    row(420, 10000, 2000, 2250, 0, undefined),
  ]);
  assert.is(timeouts, 1);
  assert.is(doneAt, 420);
});

rfc('the congestion window never exceeds the receiver window', () => {
  // 10 ms each way, IW 10, a 5000 B receiver window, 20 segments, no loss: five segments per round trip.
  const { rows, timeouts, doneAt } = script(10, 20, [], { rwndBytes: 5000 });
  assert.is(rows.length, 20);
  assert.ok(rows.every((r) => r.cwnd === 5000), rows.map((r) => r.cwnd).join(' '));
  assert.is(timeouts, 0);
  assert.is(doneAt, 20 + 4 * 20);
});

rfc.run();
