/**
 * MacsecFraming: MACsec on this link adds its SecTAG and ICV to every frame (each fragment);
 * the receiving port strips them, so they take this link's capacity and go no further.
 */
import type { Packet, PacketShape } from '../packet';
import type { AdmissionStage } from './admission-stage';

export class MacsecFraming implements AdmissionStage {
  constructor(readonly overheadBytes: number) {}

  admit(p: Packet): undefined {
    this.frame(p);
  }

  fluid(s: PacketShape): undefined {
    this.frame(s);
  }

  private frame(s: PacketShape): void {
    s.framingBytes = this.overheadBytes * s.fragments;
  }
}
