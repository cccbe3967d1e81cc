/**
 * The schema of one traffic flow, part of schema.ts. Every kind shares one closed object: the
 * fields that belong to some kinds only (rate, on/off, the TCP fields, the request fields) are
 * optional here, and resolve-traffic.ts says which ones a flow of each kind needs or must not have.
 */
import { type Static, Type } from '@sinclair/typebox';
import {
  ER_MTU_BYTES,
  ETHERNET_MTU_BYTES,
  IP_MAX_PACKET_BYTES,
  IP_MIN_PACKET_BYTES,
  IPV4_MIN_MTU_BYTES,
  TCP_IP_HEADER_BYTES,
  TCP_MAX_RTO_NS,
  TCP_MAX_WINDOW_BYTES,
} from '../domain/expressroute';
import { DEFAULTS } from './defaults';
import { bool, described, measure, name, O, object, oneOf, REQUIRED } from './schema-fields';
import { DURATION, formatDuration, RATE, SIZE } from './units';

/** The kinds that send packets at a rate of their own, and those that run TCP. */
export const PACKET_KINDS = ['cbr', 'poisson', 'onoff'] as const;
export const TCP_KINDS = ['tcp', 'request'] as const;
/** The fields only a trace flow has. */
export const TRACE_FIELDS = ['file', 'filter', 'loop', 'offset'] as const;
/** Protocols a trace filter may name, with their IP protocol numbers. */
export const FILTER_PROTOCOLS: Readonly<Record<string, number>> = { tcp: 6, udp: 17, sctp: 132 };
/** The kinds that may run as fluid: open-loop rates with a stationary arrival process. */
export const FLUID_KINDS = ['cbr', 'poisson'] as const;

/** The smallest receive window: two full segments of a 1500 B MTU (2 x 1460 B), so that delayed ACKs still come every second segment. */
export const MIN_RWND_BYTES = 2 * (ETHERNET_MTU_BYTES - TCP_IP_HEADER_BYTES);
/** An MSS leaves room for the headers in the smallest and the largest IPv4 packet. */
export const MIN_MSS_BYTES = IPV4_MIN_MTU_BYTES - TCP_IP_HEADER_BYTES;
export const MAX_MSS_BYTES = IP_MAX_PACKET_BYTES - TCP_IP_HEADER_BYTES;
/** ersim's bound on the initial window, for experiments far past RFC 6928's 10 segments. */
export const MAX_INITIAL_WINDOW = 1000;

const T = DEFAULTS.tcp;
const TRACE_ONLY = 'trace only:';
const port = (description: string) => O(Type.Integer({ minimum: 0, maximum: 65_535, description: `${description}, 0 to 65535.` }));

const CaptureFilter = object(
  {
    protocol: O(
      Type.Union([oneOf(Object.keys(FILTER_PROTOCOLS), 'A protocol by name.'), Type.Integer({ minimum: 0, maximum: 255, description: 'An IP protocol number, 0 to 255.' })], {
        description: `IP protocol: ${Object.keys(FILTER_PROTOCOLS).join(', ')}, or its number.`,
      }),
    ),
    src: O(Type.String({ minLength: 1, description: 'Source IPv4 or IPv6 address, such as 10.0.0.1 or 2001:db8::1.' })),
    srcPort: port('Source TCP, UDP or SCTP port'),
    dst: O(Type.String({ minLength: 1, description: 'Destination IPv4 or IPv6 address.' })),
    dstPort: port('Destination TCP, UDP or SCTP port'),
  },
  `${TRACE_ONLY} from a capture, the packets whose fields match all of these (one direction of a 5-tuple, say); without it, every IPv4 and IPv6 packet. Not for a CSV file.`,
);
const Q = DEFAULTS.request;
const TCP_ONLY = 'tcp and request only:';

function period(description: string) {
  return Type.Union(
    [
      measure(DURATION, 'Mean of exponentially distributed periods.'),
      object(
        {
          mean: measure(DURATION, 'Mean period.', REQUIRED),
          dist: O(oneOf(['exponential', 'pareto'] as const, 'Distribution of the periods.', 'exponential')),
          shape: O(Type.Number({ exclusiveMinimum: 1, ...described('Pareto shape, above 1 so that the mean exists; only with dist pareto.', DEFAULTS.period.paretoShape) })),
        },
        'A period distribution.',
      ),
    ],
    { description: `onoff only: ${description}, as a duration (the mean of exponential periods) or { mean, dist, shape }. Default: ${DEFAULTS.period.mean} exponential.` },
  );
}

export const Flow = object(
  {
    name: name('Flow name, unique; names the rows of summary.csv.', REQUIRED),
    kind: oneOf(
      [...PACKET_KINDS, ...TCP_KINDS, 'trace'] as const,
      'cbr: constant bit rate; poisson: exponential gaps; onoff: cbr during on periods, silent during off periods; tcp: a bulk transfer over TCP; request: requests at Poisson times, each on its own TCP connection, and their responses; trace: packets at the times and of the sizes a file gives (a CSV, or a pcap or pcapng capture).',
      REQUIRED,
    ),
    from: Type.String(described('Source: a site name or "vnet".', REQUIRED)),
    to: Type.String(described('Destination: a site name or "vnet".', REQUIRED)),
    rate: O(measure(RATE, 'cbr, poisson and onoff: mean rate while on, counting whole IP packets. Required for them; not for tcp and request (TCP finds its own rate), nor trace (its file gives the times).')),
    size: O(
      measure(SIZE, `cbr, poisson and onoff: IP packet size, ${IP_MIN_PACKET_BYTES}B to ${IP_MAX_PACKET_BYTES}B. tcp: bytes to transfer, at least 1B. Not for request (see requestSize and responseSize), nor trace (its file gives the sizes).`, {
        text: `${DEFAULTS.flow.size} for cbr, poisson and onoff; unbounded for tcp (it sends until stop)`,
      }),
    ),
    model: O(
      oneOf(['packet', 'fluid'] as const, 'packet: every packet is simulated; fluid (cbr and poisson only): the flow is a rate, shared max-min fairly over the links it crosses and recomputed when a flow starts or stops, a link fails or recovers or a route moves; packet flows on its links see the queueing it causes.', {
        text: `fluid for cbr and poisson flows of at least ${DEFAULTS.flow.fluidFrom}, else packet`,
      }),
    ),
    start: O(measure(DURATION, 'When the source starts; before duration.', DEFAULTS.flow.start)),
    stop: O(measure(DURATION, 'When the source stops; after start.', { text: 'duration' })),
    on: O(period('on periods')),
    off: O(period('off periods')),
    cc: O(oneOf(['newreno', 'cubic'] as const, `${TCP_ONLY} congestion control, newreno (RFC 6582) or cubic (RFC 9438).`, T.cc)),
    delayedAck: O(bool(`${TCP_ONLY} the receiver acknowledges every second full segment, or delayedAckTimeout after the first (RFC 1122); false: every segment at once.`, T.delayedAck)),
    sack: O(bool(`${TCP_ONLY} selective acknowledgements (RFC 2018) and SACK-based loss recovery (RFC 6675), as current stacks do; false: NewReno recovery, one lost segment per round trip (RFC 6582).`, T.sack)),
    recovery: O(oneOf(['prr', 'rfc6675'] as const, `${TCP_ONLY} loss recovery with sack: prr, Proportional Rate Reduction (RFC 6937, Linux's), sends in proportion to the data delivered while the window comes down; rfc6675 sends up to the reduced window at once. Without sack, NewReno recovery (RFC 6582) either way.`, T.recovery)),
    slowStart: O(oneOf(['hystart++', 'standard'] as const, `${TCP_ONLY} slow start: hystart++ (RFC 9406) leaves it when the round-trip time rises by 1/8 (4ms to 16ms) and grows a quarter as fast for 5 rounds before congestion avoidance; standard (RFC 5681) runs until a loss.`, T.slowStart)),
    pacing: O(bool(`${TCP_ONLY} send at a paced rate of 2 x cwnd / SRTT in slow start and 1.2 x cwnd / SRTT in congestion avoidance (Linux with the fq qdisc) instead of each window's room at once.`, T.pacing)),
    delayedAckTimeout: O(measure(DURATION, `${TCP_ONLY} the longest the receiver delays an ACK, above 0.`, T.delayedAckTimeout)),
    rwnd: O(
      measure(SIZE, `${TCP_ONLY} receive window, the most unacknowledged data the receiver allows, ${MIN_RWND_BYTES}B (2 x ${MIN_RWND_BYTES / 2}B) to ${TCP_MAX_WINDOW_BYTES}B (RFC 7323).`, T.rwnd),
    ),
    minRto: O(measure(DURATION, `${TCP_ONLY} lower bound of the retransmission timeout, above 0 (Linux uses ${T.minRto}; RFC 6298 recommends 1s).`, T.minRto)),
    maxRto: O(measure(DURATION, `${TCP_ONLY} upper bound of the retransmission timeout after backoff, at least minRto (RFC 6298 allows a bound of ${formatDuration(TCP_MAX_RTO_NS)} or more).`, T.maxRto)),
    initialWindow: O(
      Type.Integer({ minimum: 1, maximum: MAX_INITIAL_WINDOW, ...described(`${TCP_ONLY} initial congestion window in segments, 1 to ${MAX_INITIAL_WINDOW} (RFC 6928: 10).`, T.initialWindow) }),
    ),
    mss: O(
      measure(SIZE, `${TCP_ONLY} segment payload (maximum segment size), ${MIN_MSS_BYTES}B to ${MAX_MSS_BYTES}B.`, {
        text: `the path MTU at connection start less ${TCP_IP_HEADER_BYTES}B of IP and TCP headers (${ER_MTU_BYTES - TCP_IP_HEADER_BYTES}B over ExpressRoute's ${ER_MTU_BYTES}B), and at most vpn.tcpMss when the path crosses the VPN`,
      }),
    ),
    requestRate: O(Type.Number({ exclusiveMinimum: 0, description: 'request only, and required for it: mean requests per second (Poisson arrivals), a number above 0.' })),
    requestSize: O(measure(SIZE, 'request only: bytes each request sends, at least 1B.', Q.requestSize)),
    responseSize: O(measure(SIZE, 'request only: bytes each response returns, at least 1B.', Q.responseSize)),
    timeout: O(measure(DURATION, 'request only: the application gives up on a request that has not completed after this long, above 0.', Q.timeout)),
    file: O(
      Type.String({
        minLength: 1,
        description: `${TRACE_ONLY} and required for it: the file of packets, its path relative to the scenario file: a CSV whose header names time_s (seconds, never decreasing) and size_bytes (IP packet size), or a pcap or pcapng capture.`,
      }),
    ),
    filter: O(CaptureFilter),
    loop: O(measure(DURATION, `${TRACE_ONLY} send the trace again every loop, until stop; at least the time from its first packet to its last.`, { text: 'sent once' })),
    offset: O(measure(DURATION, `${TRACE_ONLY} the time of the trace sent at start: earlier packets are skipped (with loop, in the first pass only).`, '0s')),
  },
  'A traffic flow: a packet source and its sink (cbr, poisson, onoff), a bulk transfer over TCP (tcp), requests and responses over TCP (request), or packets replayed from a file (trace).',
);

export type FlowDocument = Static<typeof Flow>;
export type PeriodDocument = Static<ReturnType<typeof period>>;
export type CaptureFilterDocument = Static<typeof CaptureFilter>;
