/**
 * TunnelPacketCap: a VPN gateway caps each site's tunnel at a number of packets per second, in
 * each direction: 62,000 (VpnGw1) to 220,000 (VpnGw4/5) with GCM AES-256 [VPNSKU23, 2023-11-28].
 * At 200 B voice packets a VpnGw1 tunnel's packet cap binds at about 99 Mbps, far below its
 * 650 Mbps. The tunnel is told apart by its site as in TunnelCap; a fragment is a packet.
 */
import type { DropCause } from '../../trace/trace-bus';
import type { Packet, PacketShape } from '../packet';
import type { AdmissionStage, FluidCapacity } from './admission-stage';
import { type TunnelCaps, tunnelOf } from './tunnel-cap';

export class TunnelPacketCap implements AdmissionStage {
  /** `tunnels.caps` count packets here. */
  constructor(readonly tunnels: TunnelCaps) {}

  admit(p: Packet, now: number): DropCause | undefined {
    const cap = tunnelOf(this.tunnels, p);
    return cap === undefined || cap.conform(now, p.fragments) ? undefined : 'gateway';
  }

  fluid(s: PacketShape, offer: (c: FluidCapacity) => void): undefined {
    const cap = tunnelOf(this.tunnels, s);
    if (cap !== undefined) offer({ bucket: cap, perS: cap.ratePerS, perBit: s.fragments / (s.sizeBytes * 8), cause: 'gateway' });
  }
}
