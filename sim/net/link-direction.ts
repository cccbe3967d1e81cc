/**
 * LinkDirection: one direction of a link, a device (admission stages, queue, transmitter) and a
 * channel (the wire). It publishes on the trace bus what happens to each packet there: queued,
 * transmitted, dropped with its cause; and hands each packet that arrives to the receiving node.
 */
import type { RandomStreams } from '../kernel/random';
import type { Simulator } from '../kernel/simulator';
import type { DropCause, TraceBus } from '../trace/trace-bus';
import { Channel, ChannelProps } from './channel';
import { Device } from './device';
import type { FluidBackground } from './fluid-background';
import type { Packet } from './packet';
import type { PacketQueue } from './packet-queue';
import type { AdmissionStage } from './stages/admission-stage';
import type { TunnelEntryProps } from './stages/tunnel-entry';
import { Transmitter, TransmitterOutput } from './transmitter';

/** The bus the network publishes on. */
export type NetBus = TraceBus<Packet, LinkDirection>;

export interface PacketReceiver {
  readonly index: number;
  receive(p: Packet, from: LinkDirection): void;
}

export interface LinkDirectionProps extends ChannelProps, TunnelEntryProps {
  /** Undirected link id, as in the scenario and links.csv (`a--b`). */
  link: string;
  from: string;
  to: string;
  capacityBps: number;
  mtuBytes: number;
  queueBytes: number;
  /** The ExpressRoute circuit this link belongs to, if any. */
  circuit: string | null;
  /** The leg's policer: its rate (0: none) and bucket depth [RLPROV]. */
  policeBps: number;
  policeBurstBytes: number;
  /** Bytes added to every frame on this link and not carried further (MACsec's SecTAG and ICV). */
  frameOverheadBytes: number;
}

/** What a direction is built of, besides its properties: its admission stages and its queue (sim/net/stages/assemble.ts chooses them). */
export interface DeviceParts {
  stages: readonly AdmissionStage[];
  queue: PacketQueue;
}

export class LinkDirection implements TransmitterOutput {
  readonly id: string;
  readonly device: Device;
  readonly channel: Channel;

  constructor(
    private readonly sim: Simulator,
    rng: RandomStreams,
    private readonly bus: NetBus,
    /** Its position among the network's directions: subscribers keep their counters by it. */
    readonly index: number,
    readonly props: LinkDirectionProps,
    parts: DeviceParts,
    readonly receiver: PacketReceiver,
  ) {
    this.id = `${props.from}->${props.to}`;
    this.channel = new Channel(sim, rng, this.id, props, this);
    this.device = new Device(parts.stages, new Transmitter(sim, props.capacityBps, parts.queue, this), this.dropped);
  }

  get up(): boolean {
    return this.channel.up;
  }

  get queue(): PacketQueue {
    return this.device.transmitter.queue;
  }

  /** Offer a packet to this direction: dropped if it is down, else admitted, queued and sent by its device. */
  send(p: Packet): void {
    if (!this.channel.up) return this.dropped(p, 'down');
    this.device.send(p, this.sim.now);
  }

  /** The transmitter starts sending the packet at `start`: published, and put on the wire. */
  launch(p: Packet, start: number, txNs: number): void {
    this.bus.transmit(p, this, this.sim.now);
    p.prevDir = this;
    this.channel.carry(p, start, txNs);
  }

  /** The packet waits for the transmitter. */
  enqueued(p: Packet): void {
    this.bus.enqueue(p, this, this.sim.now);
  }

  /** The queue has no room for the packet. */
  refused(p: Packet): void {
    this.dropped(p, 'queue');
  }

  /** Every drop on this direction, by its device or its channel, is published here with its cause. */
  readonly dropped = (p: Packet, cause: DropCause): void => {
    this.bus.drop(p, this, cause, this.sim.now);
  };

  /** Take the direction down (dropping what it holds: queue and wire) or bring it back up. */
  setUp(up: boolean): void {
    if (up === this.channel.up) return;
    this.channel.setUp(up);
    if (!up) this.device.transmitter.flush((p) => this.dropped(p, 'down'));
  }

  /** Fluid flows start or stop crossing this direction (see Transmitter.setBackground). */
  setBackground(background: FluidBackground | undefined): void {
    this.device.transmitter.setBackground(background);
  }

  downTimeNs(now: number): number {
    return this.channel.downTimeNs(now);
  }
}
