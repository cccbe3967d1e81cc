/**
 * AdmissionStage: one step a packet passes before a device's queue (a policer, a gateway's cap,
 * a tunnel's entry, fragmentation, framing). It has two faces on one behaviour: `admit` for a
 * packet, and `fluid` for a fluid flow's packet, which reshapes it as `admit` would and names the
 * capacities the stage offers the flow. A device walks its stages in order for both, so the
 * packet path and the fluid max-min sharing (FluidNetwork) meet the same chain.
 */
import type { DropCause } from '../../trace/trace-bus';
import type { Packet, PacketShape } from '../packet';
import type { TokenBucket } from '../token-bucket';

/**
 * A capacity a stage offers fluid flows: `perS` units per second, of which a flow uses `perBit`
 * per bit/s of its rate (as sent). The flows, and the links, that meet the same bucket share it.
 */
export interface FluidCapacity {
  bucket: TokenBucket;
  perS: number;
  perBit: number;
  /** Why the excess of a flow this capacity holds back is dropped. */
  cause: DropCause;
}

export interface AdmissionStage {
  /** Pass the packet (undefined), reshaped as the stage does, or say why it is dropped. */
  admit(p: Packet, now: number): DropCause | undefined;
  /** A fluid flow's packet meets the stage: reshape `s` as `admit` would and `offer` each capacity the stage has for the flow; or say why every such packet is dropped. */
  fluid(s: PacketShape, offer: (c: FluidCapacity) => void): DropCause | undefined;
}

/** A bit-rate bucket (tokens are bytes) as a fluid capacity in bit/s, used per bit/s of the flow as its wire bytes per IP byte. */
export function byteCapacity(bucket: TokenBucket, s: PacketShape, cause: DropCause): FluidCapacity {
  return { bucket, perS: bucket.ratePerS * 8, perBit: s.wireBytes / s.sizeBytes, cause };
}
