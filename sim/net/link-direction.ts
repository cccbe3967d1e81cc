/**
 * LinkDirection: one direction of a link, and the only place a link drops a packet. It owns
 * the policers in front of it, its drop-tail queue, its transmitter (busy until its packet is
 * sent, serialization at the link's rate) and the wire (propagation delay, jitter, loss,
 * up/down).
 * It hands each packet that survives to the receiving NetNode.
 */
import type { ScheduledEvent } from '../kernel/event-queue';
import type { Simulator } from '../kernel/simulator';
import type { RandomStreams, RandomStream } from '../kernel/random';
import { txTimeNs } from '../kernel/time';
import { IPV4_HEADER_BYTES } from '../domain/expressroute';
import { DropTailQueue } from './drop-tail-queue';
import type { FluidBackground } from './fluid-background';
import type { Packet } from './packet';
import type { RateAndPacketLimiter, TokenBucket } from './token-bucket';

export type DropCause = 'queue' | 'policer' | 'gateway' | 'down' | 'loss' | 'mtu' | 'noroute';

export interface PacketReceiver {
  readonly index: number;
  receive(p: Packet, from: LinkDirection): void;
}

export interface LinkDirectionProps {
  /** Undirected link id, as in the scenario and links.csv (`a--b`). */
  link: string;
  from: string;
  to: string;
  capacityBps: number;
  delayNs: number;
  mtuBytes: number;
  queueBytes: number;
  loss: number;
  jitterNs: number;
  reorder: boolean;
  /** PATH_* bit a packet gains by crossing this link (0 for none). */
  pathBit: number;
  /** The ExpressRoute circuit this link belongs to, if any. */
  circuit: string | null;
  /** Mean loss burst length in packets: above 1, losses follow a Gilbert-Elliott chain. */
  lossBurst: number;
  /** Deterministic loss instead: every n-th packet is lost (0: off), the periodic loss the Mathis model assumes. */
  lossEvery: number;
  /** IPsec: ESP bytes this direction adds to each packet it sends (0: none). Larger inner packets than `tunnelMtuBytes` are dropped, not fragmented [VPNFAQ26]. */
  encapBytes: number;
  tunnelMtuBytes: number;
  /** IPsec: the receiving end strips the ESP bytes. */
  decapOnArrival: boolean;
  /** IPsec: encapsulate only packets from or to this node index (the virtual network); -1: every packet. */
  tunnelOnlyFor: number;
  /** Bytes added to every frame on this link and not carried further (MACsec's SecTAG and ICV). */
  frameOverheadBytes: number;
}

/** Whether this direction's tunnel entry takes in a packet from `src` to `dst` (IPsec over ExpressRoute: only the VNet's). */
export function tunnelCarries(props: LinkDirectionProps, src: number, dst: number): boolean {
  const only = props.tunnelOnlyFor;
  return props.encapBytes > 0 && (only < 0 || src === only || dst === only);
}

/** IP fragments a packet of `bytes` (ESP included) needs under `mtuBytes`: each repeats the 20-byte header [ERGWPERF24: >1400 B "will get fragmented"]. */
export function fragmentsUnder(mtuBytes: number, bytes: number): number {
  const maxPayload = Math.floor((mtuBytes - IPV4_HEADER_BYTES) / 8) * 8;
  return Math.ceil((bytes - IPV4_HEADER_BYTES) / maxPayload);
}

/** Bytes on the wire of a packet of `sizeBytes` with its ESP bytes, split into `fragments`. */
export function wireBytesOf(sizeBytes: number, encapBytes: number, fragments: number): number {
  return sizeBytes + encapBytes + (fragments - 1) * IPV4_HEADER_BYTES;
}

export class LinkDirection {
  readonly id: string;
  up = true;

  readonly queue: DropTailQueue;
  /** When the packet on the transmitter has been sent. */
  private busyUntil = 0;
  /** The pending event that sends the head of the queue when the transmitter frees up. */
  private drain: ScheduledEvent | undefined;
  private epoch = 0;
  private lastArrivalNs = 0;
  private readonly lossRng: RandomStream | undefined;
  private readonly jitterRng: RandomStream | undefined;
  private downSinceNs = 0;

  /** The leg policer (a TokenBucket of bytes) and a shared gateway limiter, when present. */
  policer: TokenBucket | undefined;
  gateway: RateAndPacketLimiter | undefined;
  /** Per-tunnel caps of a VPN gateway, by the site at the packet's far end (its source or destination node). */
  tunnels: { bySrc: boolean; caps: Map<number, TokenBucket> } | undefined;
  /** Gilbert-Elliott state: true while in the lossy (bad) state. */
  private lossBad = false;
  private periodicCount = 0;

  txPackets = 0;
  txBytes = 0;
  /** What fluid flows sent and lost here (fractional packets; see FluidFlow.account). */
  fluidTxPackets = 0;
  fluidTxBytes = 0;
  readonly fluidDrops: Record<DropCause, number> = { queue: 0, policer: 0, gateway: 0, down: 0, loss: 0, mtu: 0, noroute: 0 };
  /** The queue fluid flows build here, while some cross this direction. */
  private background: FluidBackground | undefined;
  /** With a fluid background: when the real packets accepted so far are all sent. */
  private realFreeNs = 0;
  fragmentedPackets = 0;
  /** Drops by cause; `noroute` counts packets this direction delivered to a node that had no route for them. */
  readonly drops: Record<DropCause, number> = { queue: 0, policer: 0, gateway: 0, down: 0, loss: 0, mtu: 0, noroute: 0 };
  downNs = 0;

  constructor(
    private readonly sim: Simulator,
    rng: RandomStreams,
    readonly props: LinkDirectionProps,
    readonly receiver: PacketReceiver,
  ) {
    this.id = `${props.from}->${props.to}`;
    this.queue = new DropTailQueue(props.queueBytes);
    this.lossRng = props.loss > 0 ? rng.stream(`link:${this.id}/loss`) : undefined;
    this.jitterRng = props.jitterNs > 0 ? rng.stream(`link:${this.id}/jitter`) : undefined;
  }

  /** Offer a packet to this direction: policed, queued or sent, or dropped and counted. */
  send(p: Packet): void {
    const now = this.sim.now;
    if (!this.up) return this.drop(p, 'down');
    if (p.encapBytes === 0 && tunnelCarries(this.props, p.src, p.dst)) {
      if (p.sizeBytes > this.props.tunnelMtuBytes) return this.drop(p, 'mtu');
      p.encapBytes = this.props.encapBytes;
      p.wireBytes += p.encapBytes;
    }
    if (p.wireBytes > this.props.mtuBytes) this.fragment(p);
    if (this.policer !== undefined && !this.policer.conform(now, p.wireBytes)) return this.drop(p, 'policer');
    if (this.gateway !== undefined && !this.gateway.conform(now, p.wireBytes, p.fragments)) return this.drop(p, 'gateway');
    if (this.tunnels !== undefined) {
      const cap = this.tunnels.caps.get(this.tunnels.bySrc ? p.src : p.dst);
      if (cap !== undefined && !cap.conform(now, p.wireBytes)) return this.drop(p, 'gateway');
    }
    if (this.background !== undefined) return this.sendBehindFluid(p);
    // An idle transmitter sends at once; otherwise the packet waits, and one event drains the
    // queue when the transmitter frees up. An idle link thus costs one event per packet (its arrival).
    // A transmitter that frees up at this very instant frees up first, so the head of the queue
    // leaves before the new packet is measured against the queue's limit.
    if (this.drain !== undefined && now >= this.busyUntil) {
      this.sim.cancel(this.drain);
      this.transmitComplete();
    }
    if (now >= this.busyUntil && this.queue.packets === 0) return this.transmitStart(p);
    if (!this.queue.enqueue(p)) return this.drop(p, 'queue');
    if (this.drain === undefined) this.drain = this.sim.at(Math.max(this.busyUntil, now), this.transmitComplete);
  }

  /** Split into IP fragments of at most the MTU. */
  private fragment(p: Packet): void {
    const n = Math.max(p.fragments, fragmentsUnder(this.props.mtuBytes, p.sizeBytes + p.encapBytes));
    if (n > p.fragments) {
      if (p.fragments === 1) this.fragmentedPackets++;
      p.fragments = n;
      p.wireBytes = wireBytesOf(p.sizeBytes, p.encapBytes, n);
    }
  }

  private transmitStart(p: Packet): void {
    const tx = txTimeNs(this.frameBytes(p), this.props.capacityBps);
    this.busyUntil = this.sim.now + tx;
    p.predWireBytes = 0;
    this.launch(p, this.sim.now, tx);
  }

  /** What the packet puts on this link: its bytes and, per fragment, the link's own framing (MACsec). */
  private frameBytes(p: Packet): number {
    return p.wireBytes + this.props.frameOverheadBytes * p.fragments;
  }

  /** Fluid flows share the transmitter: the packet waits for the fluid work and the real packets ahead of it, in one step. */
  private sendBehindFluid(p: Packet): void {
    const start = Math.ceil(this.background!.admit(p, this.sim.now, this.realFreeNs));
    if (start < 0) return this.drop(p, 'queue');
    const tx = txTimeNs(this.frameBytes(p), this.props.capacityBps);
    this.realFreeNs = start + tx;
    this.launch(p, start, tx);
  }

  /** The packet's transmission starts at `start`: count it, and put it on the wire toward the next node. */
  private launch(p: Packet, start: number, tx: number): void {
    this.txPackets++;
    this.txBytes += this.frameBytes(p);
    p.prevDir = this;
    if ((this.lossRng !== undefined || this.props.lossEvery > 0) && this.lost(p)) return this.drop(p, 'loss');
    let arrival = start + tx + this.props.delayNs;
    if (this.jitterRng !== undefined) {
      const j = this.props.jitterNs;
      arrival = Math.max(start + tx, arrival + Math.round(this.jitterRng.between(-j, j)));
      if (!this.props.reorder && arrival < this.lastArrivalNs) arrival = this.lastArrivalNs;
    }
    this.lastArrivalNs = arrival;
    p.wireEpoch = this.epoch;
    this.sim.at(arrival, this.arrive, p);
  }

  /**
   * Fluid flows start or stop crossing this direction. Real packets already queued drain as
   * before, and those that come later are sent after them.
   */
  setBackground(background: FluidBackground | undefined): void {
    const now = this.sim.now;
    if (this.background === undefined && background !== undefined) {
      this.realFreeNs = Math.max(this.busyUntil, now) + txTimeNs(this.queue.bytes, this.props.capacityBps);
    } else if (this.background !== undefined && background === undefined) {
      this.busyUntil = Math.max(this.busyUntil, this.realFreeNs);
    }
    this.background = background;
  }

  /** Packets and bytes sent, and drops of a cause, counting both real packets and fluid flows (rounded to whole packets and bytes). */
  totalTxPackets(): number {
    return this.txPackets + Math.round(this.fluidTxPackets);
  }

  totalTxBytes(): number {
    return this.txBytes + Math.round(this.fluidTxBytes);
  }

  totalDrops(cause: DropCause): number {
    return this.drops[cause] + Math.round(this.fluidDrops[cause]);
  }

  /**
   * Whether the wire loses this packet. Independent (Bernoulli) loss per fragment, or, with
   * bursts, a Gilbert-Elliott chain whose bad state loses everything: leaving it has
   * probability 1/burst and entering it loss/(burst (1 - loss)), so the long-run loss is `loss`.
   */
  private lost(p: Packet): boolean {
    const { loss, lossBurst, lossEvery } = this.props;
    if (lossEvery > 0) return ++this.periodicCount % lossEvery === 0;
    const rng = this.lossRng!;
    if (lossBurst <= 1) return rng.bernoulli(p.fragments === 1 ? loss : 1 - Math.pow(1 - loss, p.fragments));
    for (let i = 0; i < p.fragments; i++) {
      this.lossBad = this.lossBad ? !rng.bernoulli(1 / lossBurst) : rng.bernoulli(loss / (lossBurst * (1 - loss)));
      if (this.lossBad) return true;
    }
    return false;
  }

  /** The transmitter is free: send the head of the queue, and come back when it is sent if more wait. */
  private readonly transmitComplete = (): void => {
    this.drain = undefined;
    const next = this.queue.dequeue();
    if (next === undefined) return;
    this.transmitStart(next);
    if (this.queue.packets > 0) this.drain = this.sim.at(this.busyUntil, this.transmitComplete);
  };

  private readonly arrive = (p: Packet): void => {
    // A packet that was on the wire when the link went down is lost with it.
    if (p.wireEpoch !== this.epoch) return this.drop(p, 'down');
    p.path |= this.props.pathBit;
    if (this.props.decapOnArrival && p.encapBytes > 0) {
      p.wireBytes -= p.encapBytes;
      p.encapBytes = 0;
    }
    this.receiver.receive(p, this);
  };

  drop(p: Packet, cause: DropCause): void {
    this.drops[cause]++;
    p.flow.onDrop(p, this.sim.now);
  }

  /** Take the direction down (dropping what it holds: queue and wire) or bring it back up. */
  setUp(up: boolean): void {
    if (up === this.up) return;
    const now = this.sim.now;
    this.up = up;
    if (up) {
      this.downNs += now - this.downSinceNs;
      return;
    }
    this.downSinceNs = now;
    this.epoch++;
    for (let p = this.queue.dequeue(); p !== undefined; p = this.queue.dequeue()) this.drop(p, 'down');
  }

  /** Down time up to `now`, including a down period still open. */
  downTimeNs(now: number): number {
    return this.downNs + (this.up ? 0 : now - this.downSinceNs);
  }
}
