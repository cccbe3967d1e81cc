/**
 * ARM JSON -> EstateDesign: an exported template (`resources[]`, from the portal's "Export
 * template", `az group export` or `az bicep build`), or what `az network express-route show`,
 * `vnet-gateway show`, `vpn-connection show`, `local-gateway show` and `express-route port show`
 * print (one resource, its `properties` flattened to the top, or a list of them). Property names
 * are those of the Microsoft.Network REST API (azure-rest-api-specs, stable 2024-05-01).
 */
import { emptyDesign, keyOfResourceId, resourceKey, type EstateDesign } from './estate-design';
import { isObject, JsonFields, type JsonObject } from './json-fields';

const T = {
  circuit: 'microsoft.network/expressroutecircuits',
  peering: 'microsoft.network/expressroutecircuits/peerings',
  port: 'microsoft.network/expressrouteports',
  gateway: 'microsoft.network/virtualnetworkgateways',
  connection: 'microsoft.network/connections',
  localGateway: 'microsoft.network/localnetworkgateways',
};

/** Whether a parsed JSON document looks like ARM: a template, one resource, or a list of resources. */
export function isArmDocument(doc: unknown): boolean {
  if (Array.isArray(doc)) return doc.length > 0 && doc.every((r) => isObject(r) && typeof r.type === 'string' && r.type.includes('/'));
  return isObject(doc) && (Array.isArray(doc.resources) || (typeof doc.type === 'string' && /^microsoft\./i.test(doc.type)));
}

export function readArm(doc: unknown, f: JsonFields): EstateDesign {
  const reader = new ArmReader(f, isObject(doc) && Array.isArray(doc.resources) ? doc : {});
  if (Array.isArray(doc)) doc.forEach((r, i) => reader.resource(r, `[${i}]`, undefined));
  else if (isObject(doc) && Array.isArray(doc.resources)) doc.resources.forEach((r, i) => reader.resource(r, `resources[${i}]`, undefined));
  else reader.resource(doc, '', undefined);
  return reader.design;
}

class ArmReader {
  readonly design = emptyDesign();
  constructor(
    private readonly f: JsonFields,
    private readonly template: JsonObject,
  ) {}

  resource(r: unknown, path: string, parent: { type: string; name: string } | undefined): void {
    const at = path === '' ? '(the resource)' : path;
    if (!isObject(r)) return this.f.problem(at, 'a resource object', r);
    const rawType = this.f.string(r, 'type', path);
    const rawName = this.f.string(r, 'name', path);
    if (rawType === undefined || rawName === undefined) {
      if (r.type === undefined || r.name === undefined) this.f.problem(at, 'a resource with "type" and "name"', r);
      return;
    }
    // A child declared inside its parent names its type and name relative to it.
    const type = (parent !== undefined && !rawType.includes('/') ? `${parent.type}/${rawType}` : rawType).toLowerCase();
    const name = this.value(rawName, `${path}.name`);
    if (name === undefined) return;
    const fullName = parent !== undefined && !rawType.includes('/') ? `${parent.name}/${name}` : name;
    // az prints properties flattened to the top; templates and the REST API nest them.
    const propsPath = isObject(r.properties) ? `${path}.properties` : path;
    const props = isObject(r.properties) ? r.properties : r;
    const origin = { file: this.f.file, path: at };
    const keys = [resourceKey(type, fullName)];
    const id = typeof r.id === 'string' ? keyOfResourceId(r.id) : undefined;
    if (id !== undefined && !keys.includes(id)) keys.push(id);
    const sku = this.f.object(r, 'sku', path) ?? {};
    switch (type) {
      case T.circuit: {
        const provider = this.f.object(props, 'serviceProviderProperties', propsPath) ?? {};
        const pp = `${propsPath}.serviceProviderProperties`;
        const port = this.f.object(props, 'expressRoutePort', propsPath);
        const peerings = this.f.array(props, 'peerings', propsPath).flatMap((p, i) => {
          const pPath = `${propsPath}.peerings[${i}]`;
          if (!isObject(p)) return [];
          const pProps = isObject(p.properties) ? p.properties : p;
          return [this.f.string(pProps, 'peeringType', isObject(p.properties) ? `${pPath}.properties` : pPath)].filter((t): t is string => t !== undefined);
        });
        this.design.circuits.push({
          name: fullName,
          keys,
          origin,
          tier: this.f.string(sku, 'tier', `${path}.sku`),
          family: this.f.string(sku, 'family', `${path}.sku`),
          serviceProvider: this.f.string(provider, 'serviceProviderName', pp),
          peeringLocation: this.f.string(provider, 'peeringLocation', pp),
          bandwidthMbps: this.f.number(provider, 'bandwidthInMbps', pp),
          portRef: port === undefined ? undefined : this.reference(port, 'id', `${propsPath}.expressRoutePort`),
          bandwidthGbps: this.f.number(props, 'bandwidthInGbps', propsPath),
          rateLimit: this.f.boolean(props, 'enableDirectPortRateLimit', propsPath),
          globalReach: this.f.boolean(props, 'globalReachEnabled', propsPath),
          peeringTypes: peerings,
        });
        this.f.array(r, 'resources', path).forEach((c, i) => this.resource(c, `${path}.resources[${i}]`, { type, name: fullName }));
        return;
      }
      case T.peering: {
        const peeringType = this.f.string(props, 'peeringType', propsPath) ?? name.split('/').pop()!;
        const circuitName = fullName.split('/')[0]!;
        this.design.peerings.push({ circuitRef: resourceKey(T.circuit, circuitName), peeringType, origin });
        return;
      }
      case T.port:
        this.design.ports.push({
          name: fullName,
          keys,
          origin,
          peeringLocation: this.f.string(props, 'peeringLocation', propsPath),
          bandwidthGbps: this.f.number(props, 'bandwidthInGbps', propsPath),
        });
        return;
      case T.gateway: {
        const bgp = this.f.object(props, 'bgpSettings', propsPath) ?? {};
        const gwSku = this.f.object(props, 'sku', propsPath) ?? sku;
        this.design.gateways.push({
          name: fullName,
          keys,
          origin,
          gatewayType: this.f.string(props, 'gatewayType', propsPath),
          sku: this.f.string(gwSku, 'name', isObject(props.sku) ? `${propsPath}.sku` : `${path}.sku`),
          activeActive: this.f.boolean(props, 'activeActive', propsPath),
          asn: this.f.number(bgp, 'asn', `${propsPath}.bgpSettings`),
          vpnType: this.f.string(props, 'vpnType', propsPath),
          zones: this.f.strings(r, 'zones', path),
        });
        return;
      }
      case T.connection: {
        const peer = this.f.object(props, 'peer', propsPath);
        const lgw = this.f.object(props, 'localNetworkGateway2', propsPath);
        this.design.connections.push({
          name: fullName,
          keys,
          origin,
          connectionType: this.f.string(props, 'connectionType', propsPath),
          routingWeight: this.f.number(props, 'routingWeight', propsPath),
          gatewayBypass: this.f.boolean(props, 'expressRouteGatewayBypass', propsPath),
          dpdTimeoutS: this.f.number(props, 'dpdTimeoutSeconds', propsPath),
          circuitRef: peer === undefined ? undefined : this.reference(peer, 'id', `${propsPath}.peer`),
          localGatewayRef: lgw === undefined ? undefined : this.reference(lgw, 'id', `${propsPath}.localNetworkGateway2`),
        });
        return;
      }
      case T.localGateway: {
        const space = this.f.object(props, 'localNetworkAddressSpace', propsPath) ?? {};
        this.design.localGateways.push({ name: fullName, keys, origin, prefixes: this.f.strings(space, 'addressPrefixes', `${propsPath}.localNetworkAddressSpace`) });
        return;
      }
      default:
        // Virtual networks, public IPs and the rest describe nothing ersim simulates.
        return;
    }
  }

  /** A name: a literal, `[parameters('p')]` / `[variables('v')]` with a string value in the template, or `[concat(...)]` of those (how exports name child resources). */
  private value(text: string, path: string): string | undefined {
    if (!text.startsWith('[')) return text;
    const inner = /^\[\s*(.*?)\s*\]$/.exec(text)![1]!;
    const concat = /^concat\((.*)\)$/.exec(inner);
    const parts = (concat ? splitArgs(concat[1]!) : [inner]).map((a) => this.argument(a));
    if (parts.some((p) => p === undefined)) {
      this.f.problem(path, `a literal name, or [parameters('...')], [variables('...')] with a string value in the template, or [concat(...)] of them`, text);
      return undefined;
    }
    return parts.join('');
  }

  private lookup(kind: string, name: string): string | undefined {
    const table = this.template[kind];
    if (!isObject(table)) return undefined;
    const entry = table[name];
    if (typeof entry === 'string') return entry.startsWith('[') ? undefined : entry;
    return isObject(entry) && typeof entry.defaultValue === 'string' ? entry.defaultValue : undefined;
  }

  /** The key a reference (`{ id: ... }`) names: a full resource id or `[resourceId('Type', 'name')]`. */
  private reference(obj: JsonObject, key: string, path: string): string | undefined {
    const text = this.f.string(obj, key, path);
    if (text === undefined) return undefined;
    const fromId = keyOfResourceId(text);
    if (fromId !== undefined) return fromId;
    const call = /^\[\s*resourceId\((.*)\)\s*\]$/.exec(text);
    const args = call ? splitArgs(call[1]!).map((a) => this.argument(a)) : [];
    const typeAt = args.findIndex((a) => a !== undefined && /^microsoft\.[^/]+\/.+/i.test(a));
    const names = args.slice(typeAt + 1);
    if (typeAt < 0 || names.length === 0 || names.some((n) => n === undefined)) {
      this.f.problem(`${path}.${key}`, `a resource id, or [resourceId('Microsoft.Network/<type>', '<name>')] with literal, parameters() or variables() arguments`, text);
      return undefined;
    }
    return resourceKey(args[typeAt]!, names.join('/'));
  }

  private argument(arg: string): string | undefined {
    const literal = /^'([^']*)'$/.exec(arg);
    if (literal) return literal[1];
    const ref = /^(parameters|variables)\('([^']+)'\)$/.exec(arg);
    return ref ? this.lookup(ref[1]!, ref[2]!) : undefined;
  }
}

/** Split `a, f(b, c), 'd,e'` at its top-level commas. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === ',') {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}
