/**
 * The deployed design as the importers read it, whatever the source (an ARM template, the JSON
 * of `az network ... show`, `terraform show -json`): circuits, Direct ports, gateways,
 * connections and local network gateways, with only the properties ersim can use. Each record
 * carries the keys other records refer to it by (a normalised resource id, a Terraform address)
 * and where it came from, for messages.
 */

export interface Origin {
  file: string;
  /** Field path of the resource in its file, e.g. `resources[2]`. */
  path: string;
}

interface Resource {
  name: string;
  /** Every string another resource may use to refer to this one. */
  keys: string[];
  origin: Origin;
}

export interface CircuitRecord extends Resource {
  /** `sku.tier`: Standard, Premium, Local, Basic. */
  tier: string | undefined;
  /** `sku.family`: MeteredData or UnlimitedData (billing only). */
  family: string | undefined;
  serviceProvider: string | undefined;
  peeringLocation: string | undefined;
  bandwidthMbps: number | undefined;
  /** Key of the ExpressRoute Direct port the circuit is on: set means Direct. */
  portRef: string | undefined;
  bandwidthGbps: number | undefined;
  rateLimit: boolean | undefined;
  globalReach: boolean | undefined;
  peeringTypes: string[];
}

export interface PortRecord extends Resource {
  peeringLocation: string | undefined;
  bandwidthGbps: number | undefined;
}

export interface GatewayRecord extends Resource {
  /** `ExpressRoute`, `Vpn` (others are ignored). */
  gatewayType: string | undefined;
  sku: string | undefined;
  activeActive: boolean | undefined;
  asn: number | undefined;
  vpnType: string | undefined;
  zones: string[];
}

export interface ConnectionRecord extends Resource {
  /** `ExpressRoute`, `IPsec`, `Vnet2Vnet`, ... */
  connectionType: string | undefined;
  routingWeight: number | undefined;
  gatewayBypass: boolean | undefined;
  dpdTimeoutS: number | undefined;
  circuitRef: string | undefined;
  localGatewayRef: string | undefined;
}

export interface LocalGatewayRecord extends Resource {
  prefixes: string[];
}

/** A peering declared as its own resource (`expressRouteCircuits/peerings`, `azurerm_express_route_circuit_peering`). */
export interface PeeringRecord {
  circuitRef: string;
  peeringType: string;
  origin: Origin;
}

export interface EstateDesign {
  circuits: CircuitRecord[];
  ports: PortRecord[];
  gateways: GatewayRecord[];
  connections: ConnectionRecord[];
  localGateways: LocalGatewayRecord[];
  peerings: PeeringRecord[];
}

export function emptyDesign(): EstateDesign {
  return { circuits: [], ports: [], gateways: [], connections: [], localGateways: [], peerings: [] };
}

/** All records of two designs (several input files make one design). */
export function mergeDesigns(a: EstateDesign, b: EstateDesign): EstateDesign {
  return {
    circuits: [...a.circuits, ...b.circuits],
    ports: [...a.ports, ...b.ports],
    gateways: [...a.gateways, ...b.gateways],
    connections: [...a.connections, ...b.connections],
    localGateways: [...a.localGateways, ...b.localGateways],
    peerings: [...a.peerings, ...b.peerings],
  };
}

/**
 * The key of an Azure resource id or `type/name` pair, the way both ARM and Terraform can
 * name it: `microsoft.network/<type>/<name>` (lower case type, as ARM compares types; names
 * are kept as written). Child ids keep their child segments (`.../expressroutecircuits/c/peerings/p`).
 */
export function resourceKey(type: string, name: string): string {
  return `${type.toLowerCase()}/${name}`;
}

/** The key of a full resource id (`/subscriptions/.../providers/Microsoft.Network/expressRouteCircuits/x`), or undefined. */
export function keyOfResourceId(id: string): string | undefined {
  const m = /\/providers\/([^/]+)\/([^/]+)\/([^/]+)$/i.exec(id);
  return m ? resourceKey(`${m[1]}/${m[2]}`, m[3]!) : undefined;
}
