/**
 * TunnelEntry: an IPsec tunnel's entry on this link. It adds ESP to each packet it carries (all,
 * or over ExpressRoute only the VNet's) and drops, rather than fragments, an inner packet larger
 * than the tunnel's MTU [VPNFAQ26]. The tunnel's far end strips the ESP (`tunnelExit`).
 */
import type { DropCause } from '../../trace/trace-bus';
import type { Packet, PacketShape } from '../packet';
import type { AdmissionStage } from './admission-stage';

export interface TunnelEntryProps {
  /** ESP bytes added to each packet the tunnel carries. */
  encapBytes: number;
  tunnelMtuBytes: number;
  /** Encapsulate only packets from or to this node index (the virtual network); -1: every packet. */
  tunnelOnlyFor: number;
}

export class TunnelEntry implements AdmissionStage {
  constructor(readonly props: TunnelEntryProps) {}

  /** Whether the tunnel takes in a packet from `src` to `dst`: one already in a tunnel is not encapsulated twice. */
  carries(s: PacketShape): boolean {
    const only = this.props.tunnelOnlyFor;
    return s.encapBytes === 0 && (only < 0 || s.src === only || s.dst === only);
  }

  admit(p: Packet): DropCause | undefined {
    return this.enter(p);
  }

  fluid(s: PacketShape): DropCause | undefined {
    return this.enter(s);
  }

  private enter(s: PacketShape): DropCause | undefined {
    if (!this.carries(s)) return undefined;
    if (s.sizeBytes > this.props.tunnelMtuBytes) return 'mtu';
    s.encapBytes = this.props.encapBytes;
    s.wireBytes += s.encapBytes;
    return undefined;
  }
}

/** The tunnel's far end strips the ESP; the fragments stay fragments. */
export function tunnelExit(s: PacketShape): void {
  if (s.encapBytes > 0) {
    s.wireBytes -= s.encapBytes;
    s.encapBytes = 0;
  }
}
