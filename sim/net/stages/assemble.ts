/**
 * The one place a link direction's device is assembled from its properties and the limiters it
 * shares with others: its queue (drop-tail), and its admission stages in the order a packet
 * meets them: the tunnel's entry (ESP), fragmentation under the MTU, the leg's policer, the
 * gateway's caps, the tunnel's own caps on bits and on packets, and the link's framing. A new stage is one file and one
 * line here.
 */
import { DropTailQueue } from '../drop-tail-queue';
import type { DeviceParts, LinkDirectionProps } from '../link-direction';
import { RateAndPacketLimiter, TokenBucket } from '../token-bucket';
import type { AdmissionStage } from './admission-stage';
import { Fragmentation } from './fragmentation';
import { GatewayLimiter } from './gateway-limiter';
import { MacsecFraming } from './macsec-framing';
import { Policer } from './policer';
import { TunnelCap, TunnelCaps } from './tunnel-cap';
import { TunnelEntry } from './tunnel-entry';
import { TunnelPacketCap } from './tunnel-packet-cap';

/** Limiters a direction shares with other links of the same gateway, or holds per tunnel. */
export interface SharedLimits {
  gateway?: RateAndPacketLimiter;
  tunnels?: TunnelCaps;
  tunnelPackets?: TunnelCaps;
}

export function assembleDevice(props: LinkDirectionProps, shared: SharedLimits): DeviceParts {
  return { stages: assembleStages(props, shared), queue: new DropTailQueue(props.queueBytes) };
}

function assembleStages(props: LinkDirectionProps, shared: SharedLimits): AdmissionStage[] {
  const stages: AdmissionStage[] = [];
  if (props.encapBytes > 0) stages.push(new TunnelEntry(props));
  stages.push(new Fragmentation(props.mtuBytes));
  if (props.policeBps > 0) stages.push(new Policer(new TokenBucket(props.policeBps / 8, props.policeBurstBytes)));
  if (shared.gateway !== undefined) stages.push(new GatewayLimiter(shared.gateway));
  if (shared.tunnels !== undefined) stages.push(new TunnelCap(shared.tunnels));
  if (shared.tunnelPackets !== undefined) stages.push(new TunnelPacketCap(shared.tunnelPackets));
  if (props.frameOverheadBytes > 0) stages.push(new MacsecFraming(props.frameOverheadBytes));
  return stages;
}
