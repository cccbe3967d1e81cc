/**
 * Channel: the wire of one link direction. A packet put on it arrives after its transmission
 * and the propagation delay, with jitter (never reordered unless the link allows it), or is lost
 * (independent, Gilbert-Elliott bursts, or every n-th). Taking it down loses what is on it: each
 * down period is a new epoch, and a packet sent in an older one is dropped on arrival.
 */
import type { RandomStream, RandomStreams } from '../kernel/random';
import type { Simulator } from '../kernel/simulator';
import type { LinkDirection } from './link-direction';
import type { Packet, PacketShape } from './packet';
import { tunnelExit } from './stages/tunnel-entry';

/** The wire of one direction: its loss, bursts and jitter are this direction's own (a link's two may differ, network.ts). */
export interface ChannelProps {
  delayNs: number;
  loss: number;
  jitterNs: number;
  reorder: boolean;
  /** Mean loss burst length in packets: above 1, losses follow a Gilbert-Elliott chain. */
  lossBurst: number;
  /** Deterministic loss instead: every n-th packet is lost (0: off), the periodic loss the Mathis model assumes. */
  lossEvery: number;
  /** PATH_* bit a packet gains by crossing the link (0 for none). */
  pathBit: number;
  /** IPsec: the receiving end strips the ESP bytes. */
  decapOnArrival: boolean;
}

export class Channel {
  up = true;
  private epoch = 0;
  private lastArrivalNs = 0;
  private readonly lossRng: RandomStream | undefined;
  private readonly jitterRng: RandomStream | undefined;
  /** Gilbert-Elliott state: true while in the lossy (bad) state. */
  private lossBad = false;
  private periodicCount = 0;
  private downSinceNs = 0;
  private downNs = 0;

  constructor(
    private readonly sim: Simulator,
    rng: RandomStreams,
    /** Names the channel's random streams: `link:<name>/loss`, `link:<name>/jitter`. */
    name: string,
    /** Read at each packet: a test may change the loss after construction. */
    readonly props: ChannelProps,
    /** The direction it is the wire of: it publishes the channel's drops, and its receiver takes what arrives. */
    private readonly dir: LinkDirection,
  ) {
    this.lossRng = props.loss > 0 ? rng.stream(`link:${name}/loss`) : undefined;
    this.jitterRng = props.jitterNs > 0 ? rng.stream(`link:${name}/jitter`) : undefined;
  }

  /** The packet's transmission starts at `start` and lasts `txNs`: it is lost, or arrives after it and the propagation delay. */
  carry(p: Packet, start: number, txNs: number): void {
    if ((this.lossRng !== undefined || this.props.lossEvery > 0) && this.lost(p)) return this.dir.dropped(p, 'loss');
    let arrival = start + txNs + this.props.delayNs;
    if (this.jitterRng !== undefined) {
      const j = this.props.jitterNs;
      arrival = Math.max(start + txNs, arrival + Math.round(this.jitterRng.between(-j, j)));
      if (!this.props.reorder && arrival < this.lastArrivalNs) arrival = this.lastArrivalNs;
    }
    this.lastArrivalNs = arrival;
    p.wireEpoch = this.epoch;
    this.sim.at(arrival, this.arrive, p);
  }

  /** What the receiving end strips from a packet: the ESP at a tunnel's exit, and the link's own framing. */
  strip(s: PacketShape): void {
    if (this.props.decapOnArrival) tunnelExit(s);
    s.framingBytes = 0;
  }

  private readonly arrive = (p: Packet): void => {
    // A packet that was on the wire when the link went down is lost with it.
    if (p.wireEpoch !== this.epoch) return this.dir.dropped(p, 'down');
    p.path |= this.props.pathBit;
    this.strip(p);
    this.dir.receiver.receive(p, this.dir);
  };

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

  /** Take the channel down (what is on the wire is lost: a new epoch) or bring it back up. */
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
  }

  /** Down time up to `now`, including a down period still open. */
  downTimeNs(now: number): number {
    return this.downNs + (this.up ? 0 : now - this.downSinceNs);
  }
}
