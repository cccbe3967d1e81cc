/**
 * Policer: a leg's token bucket of bytes. Traffic above the circuit's bandwidth is dropped, not
 * queued [RLPROV][FAQ23].
 */
import type { DropCause } from '../../trace/trace-bus';
import type { Packet, PacketShape } from '../packet';
import type { TokenBucket } from '../token-bucket';
import { AdmissionStage, byteCapacity, FluidCapacity } from './admission-stage';

export class Policer implements AdmissionStage {
  constructor(readonly bucket: TokenBucket) {}

  admit(p: Packet, now: number): DropCause | undefined {
    return this.bucket.conform(now, p.wireBytes) ? undefined : 'policer';
  }

  fluid(s: PacketShape, offer: (c: FluidCapacity) => void): undefined {
    offer(byteCapacity(this.bucket, s, 'policer'));
  }
}
