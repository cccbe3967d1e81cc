/**
 * Packet: one IP packet of a flow as it crosses the network. Carries what forwarding needs
 * (destination, flow hash), what metrics need (send time, sequence) and the path it took.
 */
import type { DropCause } from '../trace/trace-bus';
import type { LinkDirection } from './link-direction';

/** Which ExpressRoute leg or backup path a packet crossed, as bits so a packet can record several. */
export const PATH_ER_PRIMARY = 1;
export const PATH_ER_SECONDARY = 2;
export const PATH_VPN = 4;

/** Path classes a routing decision chooses between: none yet, ExpressRoute, the VPN. */
export const PATH_CLASS_NONE = 0;
export const PATH_CLASS_ER = 1;
export const PATH_CLASS_VPN = 2;

export interface PacketSink {
  /** The packet reached its destination node. */
  onDeliver(p: Packet, now: number): void;
  /** The packet was dropped; `cause` names the reason, as in links.csv. */
  onDrop(p: Packet, cause: DropCause, now: number): void;
}

/**
 * What one packet is as a link's admission stages see it: its ends, its size, and what the
 * stages have made of it so far. A Packet is one; a fluid flow's packet is a plain object of
 * this shape, so both go through the same reshaping code (ESP, fragments, framing).
 */
export interface PacketShape {
  readonly src: number;
  readonly dst: number;
  readonly sizeBytes: number;
  /** ESP bytes currently added by an IPsec tunnel. */
  encapBytes: number;
  /** Bytes on the wire: the IP packet plus its ESP and the headers of any fragments. */
  wireBytes: number;
  /** How many IP fragments the packet travels as (1 when not fragmented). */
  fragments: number;
  /** Bytes the current link's own framing adds to all its fragments (MACsec), stripped by the receiving end. */
  framingBytes: number;
}

/** The shape of a fresh packet of `sizeBytes` from `src` to `dst`, as its source sends it. */
export function freshShape(src: number, dst: number, sizeBytes: number): PacketShape {
  return { src, dst, sizeBytes, encapBytes: 0, wireBytes: sizeBytes, fragments: 1, framingBytes: 0 };
}

export class Packet implements PacketShape {
  wireBytes: number;
  fragments = 1;
  framingBytes = 0;
  /** PATH_* bits of the legs and paths crossed. */
  path = 0;
  /** The epoch of the channel it is on when it was sent into the wire (see Channel.setUp). */
  wireEpoch = 0;
  /** The path class the first routing decision chose (PATH_CLASS_*); later hops keep to it. */
  pathClass = 0;
  encapBytes = 0;
  /** The link direction that sent it last. */
  prevDir: LinkDirection | undefined = undefined;
  /** The fluid packet it followed out of that link: when that one's transmission ended, and its size (0: none). See FluidBackground. */
  predEndNs = 0;
  predWireBytes = 0;

  constructor(
    readonly flow: PacketSink,
    /** Index of the source node in the Network. */
    readonly src: number,
    /** Index of the destination node in the Network. */
    readonly dst: number,
    /** Hash of the flow's 5-tuple stand-in, for ECMP. */
    readonly flowHash: number,
    /** IP packet size in bytes. */
    readonly sizeBytes: number,
    readonly sentAtNs: number,
    readonly seq: number,
  ) {
    this.wireBytes = sizeBytes;
  }
}
