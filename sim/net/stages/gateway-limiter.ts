/**
 * GatewayLimiter: a gateway's caps on bits and packets per second [ERGWPERF24][VPNTBL23],
 * one limiter shared by every link of the gateway on one side; a fragment is a packet.
 */
import type { DropCause } from '../../trace/trace-bus';
import type { Packet, PacketShape } from '../packet';
import type { RateAndPacketLimiter } from '../token-bucket';
import { AdmissionStage, byteCapacity, FluidCapacity } from './admission-stage';

export class GatewayLimiter implements AdmissionStage {
  constructor(readonly limiter: RateAndPacketLimiter) {}

  admit(p: Packet, now: number): DropCause | undefined {
    return this.limiter.conform(now, p.wireBytes, p.fragments) ? undefined : 'gateway';
  }

  fluid(s: PacketShape, offer: (c: FluidCapacity) => void): undefined {
    const { bytes, packets } = this.limiter;
    offer(byteCapacity(bytes, s, 'gateway'));
    offer({ bucket: packets, perS: packets.ratePerS, perBit: s.fragments / (s.sizeBytes * 8), cause: 'gateway' });
  }
}
