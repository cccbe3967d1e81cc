/**
 * TunnelCap: a VPN gateway caps each site's tunnel on its own, in each direction [VPNSKU23]. A
 * tunnel is told apart by its site, the packet's far end: its source on the way into the
 * gateway, its destination on the way out. Packets of no capped site pass.
 */
import type { DropCause } from '../../trace/trace-bus';
import type { Packet, PacketShape } from '../packet';
import type { TokenBucket } from '../token-bucket';
import { AdmissionStage, byteCapacity, FluidCapacity } from './admission-stage';

export interface TunnelCaps {
  /** Whether the site is the packet's source (into the gateway) or its destination (out of it). */
  bySrc: boolean;
  /** A bucket per site node index: of bytes for TunnelCap, of packets for TunnelPacketCap. */
  caps: Map<number, TokenBucket>;
}

/** The bucket of the tunnel a packet travels in, or undefined when its site has none. */
export function tunnelOf(tunnels: TunnelCaps, s: PacketShape): TokenBucket | undefined {
  return tunnels.caps.get(tunnels.bySrc ? s.src : s.dst);
}

export class TunnelCap implements AdmissionStage {
  constructor(readonly tunnels: TunnelCaps) {}

  admit(p: Packet, now: number): DropCause | undefined {
    const cap = tunnelOf(this.tunnels, p);
    return cap === undefined || cap.conform(now, p.wireBytes) ? undefined : 'gateway';
  }

  fluid(s: PacketShape, offer: (c: FluidCapacity) => void): undefined {
    const cap = tunnelOf(this.tunnels, s);
    if (cap !== undefined) offer(byteCapacity(cap, s, 'gateway'));
  }
}
