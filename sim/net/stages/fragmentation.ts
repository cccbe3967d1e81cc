/**
 * Fragmentation: a packet larger than the link's MTU (ESP included) travels as IP fragments,
 * each repeating the 20-byte header [ERGWPERF24: >1400 B "will get fragmented"]; a packet
 * fragmented further upstream keeps at least its fragments.
 */
import { IPV4_HEADER_BYTES } from '../../domain/expressroute';
import type { Packet, PacketShape } from '../packet';
import type { AdmissionStage } from './admission-stage';

/** IP fragments a packet of `bytes` (ESP included) needs under `mtuBytes`. */
export function fragmentsUnder(mtuBytes: number, bytes: number): number {
  const maxPayload = Math.floor((mtuBytes - IPV4_HEADER_BYTES) / 8) * 8;
  return Math.ceil((bytes - IPV4_HEADER_BYTES) / maxPayload);
}

export class Fragmentation implements AdmissionStage {
  /** Packets this link split that arrived whole (links.csv `fragmented_packets`). */
  fragmentedPackets = 0;

  constructor(readonly mtuBytes: number) {}

  admit(p: Packet): undefined {
    if (this.split(p)) this.fragmentedPackets++;
  }

  fluid(s: PacketShape): undefined {
    this.split(s);
  }

  /** Split `s` under the MTU; true when it arrived whole and now is not (for the count). */
  private split(s: PacketShape): boolean {
    if (s.wireBytes <= this.mtuBytes) return false;
    const n = fragmentsUnder(this.mtuBytes, s.sizeBytes + s.encapBytes);
    if (n <= s.fragments) return false;
    const whole = s.fragments === 1;
    s.fragments = n;
    s.wireBytes = s.sizeBytes + s.encapBytes + (n - 1) * IPV4_HEADER_BYTES;
    return whole;
  }
}
