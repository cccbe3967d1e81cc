/**
 * LinkCounters: what each link direction sent and dropped, by cause (links.csv). Drops and what
 * fluid flows send are counted from what the network publishes on the trace bus; the packets
 * sent are the transmitter's own counters (see Transmitter.sentPackets). Packets count whole;
 * fluid flows add fractional packets and bytes, kept apart and rounded when read.
 */
import type { LinkDirection } from '../net/link-direction';
import type { Packet } from '../net/packet';
import type { Transmitter } from '../net/transmitter';
import { DropCause, dropCounts, TraceListener } from '../trace/trace-bus';

export class LinkTally {
  fluidTxPackets = 0;
  fluidTxBytes = 0;
  /** Drops by cause; `noroute` and `down` count packets this direction brought to a node that had no route for them or was down. */
  readonly drops = dropCounts();
  readonly fluidDrops = dropCounts();

  constructor(private readonly transmitter: Transmitter) {}

  get txPackets(): number {
    return this.transmitter.sentPackets;
  }

  /** Bytes of the frames sent, the link's own framing (MACsec) included. */
  get txBytes(): number {
    return this.transmitter.sentBytes;
  }

  /** Packets and bytes sent, and drops of a cause, of real packets and fluid flows together (rounded to whole packets and bytes). */
  totalTxPackets(): number {
    return this.txPackets + Math.round(this.fluidTxPackets);
  }

  totalTxBytes(): number {
    return this.txBytes + Math.round(this.fluidTxBytes);
  }

  totalDrops(cause: DropCause): number {
    return this.drops[cause] + Math.round(this.fluidDrops[cause]);
  }
}

export class LinkCounters implements TraceListener<Packet, LinkDirection> {
  /** By LinkDirection.index. */
  private readonly tallies: LinkTally[];

  constructor(links: readonly LinkDirection[]) {
    this.tallies = links.map((d) => new LinkTally(d.device.transmitter));
  }

  of(dir: LinkDirection): LinkTally {
    return this.tallies[dir.index]!;
  }

  drop(_p: Packet, dir: LinkDirection | undefined, cause: DropCause): void {
    if (dir !== undefined) this.tallies[dir.index]!.drops[cause]++;
  }

  fluidTransmit(dir: LinkDirection, packets: number, bytes: number): void {
    const t = this.tallies[dir.index]!;
    t.fluidTxBytes += bytes;
    t.fluidTxPackets += packets;
  }

  fluidDrop(dir: LinkDirection | undefined, cause: DropCause, packets: number): void {
    if (dir !== undefined) this.tallies[dir.index]!.fluidDrops[cause] += packets;
  }
}
