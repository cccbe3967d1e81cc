import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Simulator } from '../sim/kernel/simulator';
import { FlowStats } from '../sim/metrics/flow-stats';
import { TcpStats } from '../sim/metrics/tcp-stats';
import type { NetNode } from '../sim/net/net-node';
import type { Packet } from '../sim/net/packet';
import type { TcpConfig } from '../sim/scenario/types';
import { CSS_GROWTH_DIVISOR, CSS_ROUNDS, HyStartPlusPlus } from '../sim/traffic/hystart';
import { ProportionalRateReduction } from '../sim/traffic/prr';
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
  const full: TcpConfig = { ...TCP_DEFAULTS, initialWindowSegments: 10, recovery: 'rfc6675', slowStart: 'standard', ...cfg };
  const sent = new Map<number, number>();
  const rows: Row[] = [];
  /** Each data transmission: when it left (ms) and its first byte. */
  const departures: [number, number][] = [];
  let doneAt: number | undefined;
  const dataNode = {
    index: 0,
    receive(p: Packet) {
      const seg = p as TcpSegment;
      if (seg.kind === 'data') {
        departures.push([sim.now / MS, seg.seqNo]);
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
  return { rows, timeouts: tcp.timeouts, doneAt, departures };
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
    // timeout), so no fast retransmit (the old code entered recovery here). s5's resend, sent
    // after s4's, has arrived (the ACK echoes it), so s4's resend is lost and leaves the pipe:
    // 6000 in flight less 3000 SACKed (s5, s8, s9) less 1000 lost = 2000, then 1000, then 0.
    row(300, 4000, 4000, 3500, 2000, 680),
    row(300, 4000, 4000, 3500, 1000, 680),
    row(300, 4000, 4000, 3500, 0, 680),
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

const prr = suite('PRR (RFC 6937), sndcnt ACK by ACK');

prr('proportional while the pipe is above ssthresh, then the slow-start reduction bound below it', () => {
  // RecoverFS 20000 B (20 segments in flight at the third duplicate), ssthresh 10000 (NewReno
  // halves); the fast retransmission (1000 B) is prr_out's first.
  const p = new ProportionalRateReduction();
  p.start(20_000);
  p.sent(1000);
  // sndcnt = ceil(prr_delivered x 10000 / 20000) - prr_out, one segment delivered per ACK:
  // 500 - 1000, 1000 - 1000, 1500 - 1000, 2000 - 1000 (never below 0).
  assert.is(p.onAck(1000, 18_000, 10_000, 1000), 0);
  assert.is(p.onAck(1000, 17_000, 10_000, 1000), 0);
  assert.is(p.onAck(1000, 16_000, 10_000, 1000), 500);
  assert.is(p.onAck(1000, 15_000, 10_000, 1000), 1000);
  p.sent(1000);
  // One segment leaves per two delivered: 2500 - 2000 = 500, then 3000 - 2000 = 1000.
  assert.is(p.onAck(1000, 15_000, 10_000, 1000), 500);
  assert.is(p.onAck(1000, 14_000, 10_000, 1000), 1000);
  p.sent(1000);
  // A burst of losses drops the pipe to 4000, below ssthresh: PRR-SSRB sends
  // min(ssthresh - pipe, max(prr_delivered - prr_out, DeliveredData) + MSS)
  // = min(6000, max(7000 - 3000, 1000) + 1000) = 5000.
  assert.is(p.onAck(1000, 4000, 10_000, 1000), 5000);
  p.sent(5000);
  // prr_delivered 8000, prr_out 8000: max(0, 1000) + 1000 = 2000, within 10000 - 8000.
  assert.is(p.onAck(1000, 8000, 10_000, 1000), 2000);
});

const hystart = suite('HyStart++ (RFC 9406), round by round');

/** One round of `samples` ACKs, each of one segment (1000 B) with the same RTT; returns the phase after each. */
function round(h: HyStartPlusPlus, firstAck: number, samples: number, rttMs: number) {
  const phases = [];
  for (let i = 0; i < samples; i++) {
    const ack = firstAck + i * 1000;
    // What was next to send when the round began: the round ends at the ACK of firstAck + samples x 1000.
    phases.push(h.onAck(ack, firstAck + samples * 1000, rttMs * MS));
  }
  return phases;
}

hystart('slow start ends when a round\'s minimum RTT exceeds the last one\'s by max(4 ms, min(RTT / 8, 16 ms)), after 8 samples; CSS grows a quarter as fast for 5 rounds, then congestion avoidance', () => {
  const h = new HyStartPlusPlus();
  // Round 1: 20 ms; nothing to compare with.
  assert.ok(round(h, 1000, 8, 20).every((p) => p === 'slow-start'));
  // Round 2: 23.9 ms. Threshold max(4, min(20 / 8, 16)) = 4 ms: 23.9 < 24, slow start goes on.
  assert.ok(round(h, 9000, 8, 23.9).every((p) => p === 'slow-start'));
  // Round 3: 28 ms against 23.9 + max(4, 2.9875) = 27.9 ms: above, but only at the eighth sample.
  const third = round(h, 17_000, 8, 28);
  assert.equal(third, [...Array<string>(7).fill('slow-start'), 'css']);
  // In CSS an ACK of two segments adds half of one (CSS_GROWTH_DIVISOR 4); in slow start, both.
  assert.is(h.increase(2000, 1000, false), 500);
  // Round 3 was CSS's first; rounds 4 to 7 at 28 ms (not below the 28 ms baseline) stay in CSS,
  // and the ACK that ends the fifth CSS round (round 7) starts congestion avoidance.
  for (let r = 0; r < 4; r++) assert.ok(round(h, 25_000 + r * 8000, 8, 28).every((p) => p === 'css'), `round ${r + 4}`);
  assert.is(h.onAck(57_000, 65_000, 28 * MS), 'done');
  assert.is(CSS_ROUNDS, 5);
  assert.is(CSS_GROWTH_DIVISOR, 4);
});

hystart('an RTT back below the CSS baseline resumes slow start (RFC 9406 §4.2: the rise was jitter)', () => {
  const h = new HyStartPlusPlus();
  round(h, 1000, 8, 40);
  // 40 ms: threshold min(40 / 8, 16) = 5 ms; 45 ms reaches it.
  assert.is(round(h, 9000, 8, 45).at(-1), 'css');
  // The next round's eight samples at 44 ms, below the 45 ms baseline: slow start again.
  assert.equal(round(h, 17_000, 8, 44).slice(6), ['css', 'slow-start']);
  assert.is(h.increase(2000, 1000, false), 2000);
  // With pacing, an ACK adds at most L = 8 segments.
  assert.is(h.increase(20_000, 1000, true), 8000);
});

const paced = suite('Pacing (Linux fq)');

paced('segments leave cwnd / SRTT x 2 apart in slow start, not all at once', () => {
  // 10 ms each way, IW 10, 20 segments, no loss. SYN-ACK at 20 ms: SRTT 20 ms; cwnd 10000 B,
  // ssthresh unbounded, so the rate is 2 x 10000 B / 20 ms = 1 B/us and each 1040 B segment
  // (1000 B and 40 B of headers) holds the next back 1040 us.
  const { departures, timeouts, doneAt } = script(10, 20, [], { pacing: true });
  assert.equal(
    departures.slice(0, 10).map(([t]) => Math.round(t * 1000)),
    Array.from({ length: 10 }, (_, k) => 20_000 + k * 1040),
  );
  // Without pacing the same ten leave together at 20 ms, and the transfer ends no later.
  const burst = script(10, 20, [], {});
  assert.ok(burst.departures.slice(0, 10).every(([t]) => t === 20));
  assert.is(timeouts, 0);
  assert.ok(doneAt !== undefined && burst.doneAt !== undefined && doneAt >= burst.doneAt, `${doneAt} vs ${burst.doneAt}`);
});

prr.run();
paced.run();
hystart.run();
