/** Test helper (not a suite): link directions and nodes built by hand on a Simulator, no topology graph. */
import { RandomStreams } from '../../sim/kernel/random';
import { Simulator } from '../../sim/kernel/simulator';
import { DropTailQueue } from '../../sim/net/drop-tail-queue';
import { LinkDirection, LinkDirectionProps, NetBus, PacketReceiver } from '../../sim/net/link-direction';
import { Packet, PacketSink } from '../../sim/net/packet';
import type { AdmissionStage } from '../../sim/net/stages/admission-stage';
import { DropCause, TraceBus } from '../../sim/trace/trace-bus';

/** A plain direction from `a` to `b`: 1 Gbps, 100 us, 9000 B MTU, a queue of 1 MB, no loss, no tunnel, no framing. */
export function directionProps(extra: Partial<LinkDirectionProps> = {}): LinkDirectionProps {
  return {
    link: 'a--b',
    from: 'a',
    to: 'b',
    capacityBps: 1e9,
    delayNs: 100_000,
    mtuBytes: 9000,
    queueBytes: 1e6,
    loss: 0,
    jitterNs: 0,
    reorder: false,
    pathBit: 0,
    circuit: null,
    lossBurst: 1,
    lossEvery: 0,
    policeBps: 0,
    policeBurstBytes: 0,
    encapBytes: 0,
    tunnelMtuBytes: Infinity,
    decapOnArrival: false,
    tunnelOnlyFor: -1,
    frameOverheadBytes: 0,
    ...extra,
  };
}

/** What the bus and the receiving end saw, as `time kind seq [cause]` lines. */
export class Recorder implements PacketReceiver, PacketSink {
  readonly index = 1;
  readonly seen: string[] = [];

  constructor(
    private readonly sim: Simulator,
    bus: NetBus,
  ) {
    bus.subscribe({
      enqueue: (p, _dir, now) => this.seen.push(`${now} enqueue ${p.seq}`),
      transmit: (p, _dir, now) => this.seen.push(`${now} transmit ${p.seq}`),
      drop: (p, _dir, cause, now) => this.seen.push(`${now} drop ${p.seq} ${cause}`),
    });
  }

  receive(p: Packet): void {
    this.seen.push(`${this.sim.now} arrive ${p.seq}`);
  }

  onDeliver(p: Packet, now: number): void {
    this.seen.push(`${now} deliver ${p.seq}`);
  }

  onDrop(p: Packet, cause: DropCause, now: number): void {
    this.seen.push(`${now} sink-drop ${p.seq} ${cause}`);
  }
}

export interface Bench {
  sim: Simulator;
  bus: NetBus;
  rec: Recorder;
  dir: LinkDirection;
  /** A packet of `sizeBytes` from node 0 to node 1, numbered in order. */
  packet: (sizeBytes: number, src?: number, dst?: number) => Packet;
}

/** One direction with its stages (none by default) into a Recorder. */
export function bench(extra: Partial<LinkDirectionProps> = {}, stages: readonly AdmissionStage[] = []): Bench {
  const sim = new Simulator();
  const bus: NetBus = new TraceBus();
  const rec = new Recorder(sim, bus);
  const props = directionProps(extra);
  const dir = new LinkDirection(sim, new RandomStreams(1), bus, 0, props, { stages, queue: new DropTailQueue(props.queueBytes) }, rec);
  let seq = 0;
  return { sim, bus, rec, dir, packet: (sizeBytes, src = 0, dst = 1) => new Packet(rec, src, dst, 1, sizeBytes, sim.now, seq++) };
}
