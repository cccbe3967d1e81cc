/**
 * The connectivity models side by side, as `ersim models` prints them: what each offers and
 * what stands in its path [CONN][FAQ23][DIRECT24][PEER26].
 */
import type { ModelKind } from '../scenario/types';

export interface ModelInfo {
  model: ModelKind;
  bandwidths: string;
  layers: string;
  bgp: string;
  path: string;
}

export const MODEL_CATALOG: readonly ModelInfo[] = [
  {
    model: 'cloud-exchange',
    bandwidths: '50 Mbps-10 Gbps',
    layers: 'L2 or managed L3',
    bgp: 'L2: customer router; L3: exchange provider edge',
    path: 'site > colo-router > cross-connect > exchange fabric > MSEE pair > ER gateway > VNet',
  },
  {
    model: 'point-to-point',
    bandwidths: '50 Mbps-10 Gbps',
    layers: 'L2 or managed L3',
    bgp: 'L2: customer router; L3: provider edge',
    path: 'site > two Ethernet EVCs over the provider > MSEE pair > ER gateway > VNet',
  },
  {
    model: 'any-to-any',
    bandwidths: '50 Mbps-10 Gbps',
    layers: 'managed L3 (typical)',
    bgp: 'provider edge at the peering location',
    path: 'branch > provider edge > MPLS core > provider edge pair > MSEE pair > ER gateway > VNet',
  },
  {
    model: 'direct',
    bandwidths: 'ports 2x10, 2x100 (2x400) Gbps; circuits 1-100 Gbps',
    layers: 'L2 (customer-managed)',
    bgp: 'customer router pair',
    path: 'site > customer router pair > 10/100/400G ports > MSEE pair > ER gateway > VNet',
  },
  {
    model: 'custom',
    bandwidths: 'any',
    layers: 'any',
    bgp: 'as the scenario lists',
    path: 'nodes and links given in the scenario',
  },
];
