/**
 * `terraform show -json` -> EstateDesign, for a state (`values.root_module`) or a plan
 * (`planned_values.root_module`), child modules included. Attribute names are those of the
 * azurerm provider (terraform-provider-azurerm website/docs/r/*.html.markdown). In a plan the
 * ids of resources still to be created are unknown, so a connection's `express_route_circuit_id`
 * is found through the plan's `configuration` (the expression's references) instead.
 */
import { emptyDesign, keyOfResourceId, type EstateDesign } from './estate-design';
import { isObject, JsonFields, type JsonObject } from './json-fields';

export function isTerraformDocument(doc: unknown): boolean {
  return isObject(doc) && typeof doc.format_version === 'string' && (isObject(doc.values) || isObject(doc.planned_values));
}

export function readTerraform(doc: JsonObject, f: JsonFields): EstateDesign {
  const design = emptyDesign();
  const top = isObject(doc.planned_values) ? 'planned_values' : 'values';
  const references = configurationReferences(doc.configuration);
  const root = f.object(doc[top] as JsonObject, 'root_module', top);
  if (root === undefined) {
    f.problem(`${top}.root_module`, 'an object (the root module)', undefined);
    return design;
  }
  readModule(root, `${top}.root_module`, f, design, references);
  return design;
}

function readModule(mod: JsonObject, path: string, f: JsonFields, design: EstateDesign, refs: Map<string, string>): void {
  f.array(mod, 'resources', path).forEach((r, i) => readResource(r, `${path}.resources[${i}]`, f, design, refs));
  f.array(mod, 'child_modules', path).forEach((m, i) => {
    if (isObject(m)) readModule(m, `${path}.child_modules[${i}]`, f, design, refs);
    else f.problem(`${path}.child_modules[${i}]`, 'a module object', m);
  });
}

function readResource(r: unknown, path: string, f: JsonFields, design: EstateDesign, refs: Map<string, string>): void {
  if (!isObject(r)) return f.problem(path, 'a resource object', r);
  if (r.mode === 'data') return;
  const address = f.string(r, 'address', path);
  const type = f.string(r, 'type', path);
  const values = f.object(r, 'values', path);
  if (address === undefined || type === undefined || values === undefined) {
    if (r.address === undefined || r.type === undefined || r.values === undefined) f.problem(path, 'a resource with "address", "type" and "values"', r);
    return;
  }
  const vp = `${path}.values`;
  const name = f.string(values, 'name', vp) ?? address;
  const keys = [address];
  const id = f.string(values, 'id', vp);
  const idKey = id === undefined ? undefined : keyOfResourceId(id);
  if (idKey !== undefined) keys.push(idKey);
  const origin = { file: f.file, path };
  // A reference attribute: the id when known (a state), else the address its expression names (a plan).
  const ref = (attr: string): string | undefined => {
    const value = f.string(values, attr, vp);
    return (value === undefined ? undefined : keyOfResourceId(value)) ?? refs.get(`${address}.${attr}`);
  };
  switch (type) {
    case 'azurerm_express_route_circuit': {
      const sku = f.block(values, 'sku', vp);
      design.circuits.push({
        name,
        keys,
        origin,
        tier: sku && f.string(sku[0], 'tier', sku[1]),
        family: sku && f.string(sku[0], 'family', sku[1]),
        serviceProvider: f.string(values, 'service_provider_name', vp),
        peeringLocation: f.string(values, 'peering_location', vp),
        bandwidthMbps: f.number(values, 'bandwidth_in_mbps', vp),
        portRef: ref('express_route_port_id'),
        bandwidthGbps: f.number(values, 'bandwidth_in_gbps', vp),
        // azurerm 4 renamed enable_rate_limiting to rate_limiting_enabled.
        rateLimit: f.boolean(values, 'rate_limiting_enabled', vp) ?? f.boolean(values, 'enable_rate_limiting', vp),
        // azurerm has no attribute for it: Global Reach is azurerm_express_route_circuit_connection.
        globalReach: undefined,
        peeringTypes: [],
      });
      return;
    }
    case 'azurerm_express_route_circuit_peering': {
      const peeringType = f.string(values, 'peering_type', vp);
      const circuitName = f.string(values, 'express_route_circuit_name', vp);
      const circuitRef = refs.get(`${address}.express_route_circuit_name`) ?? circuitName;
      if (peeringType !== undefined && circuitRef !== undefined) design.peerings.push({ circuitRef, peeringType, origin });
      return;
    }
    case 'azurerm_express_route_port':
      design.ports.push({ name, keys, origin, peeringLocation: f.string(values, 'peering_location', vp), bandwidthGbps: f.number(values, 'bandwidth_in_gbps', vp) });
      return;
    case 'azurerm_virtual_network_gateway': {
      const bgp = f.block(values, 'bgp_settings', vp);
      design.gateways.push({
        name,
        keys,
        origin,
        gatewayType: f.string(values, 'type', vp),
        sku: f.string(values, 'sku', vp),
        activeActive: f.boolean(values, 'active_active', vp),
        asn: bgp && f.number(bgp[0], 'asn', bgp[1]),
        vpnType: f.string(values, 'vpn_type', vp),
        zones: [],
      });
      return;
    }
    case 'azurerm_virtual_network_gateway_connection':
      design.connections.push({
        name,
        keys,
        origin,
        connectionType: f.string(values, 'type', vp),
        routingWeight: f.number(values, 'routing_weight', vp),
        gatewayBypass: f.boolean(values, 'express_route_gateway_bypass', vp),
        dpdTimeoutS: f.number(values, 'dpd_timeout_seconds', vp),
        circuitRef: ref('express_route_circuit_id'),
        localGatewayRef: ref('local_network_gateway_id'),
      });
      return;
    case 'azurerm_local_network_gateway':
      design.localGateways.push({ name, keys, origin, prefixes: f.strings(values, 'address_space', vp) });
      return;
    default:
      return;
  }
}

/**
 * `<resource address>.<attribute>` -> the address of the resource its expression refers to,
 * from a plan's `configuration` (`references: ["azurerm_express_route_circuit.london.id", "azurerm_express_route_circuit.london"]`),
 * module calls included with their `module.<name>.` prefix.
 */
function configurationReferences(configuration: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (mod: unknown, prefix: string): void => {
    if (!isObject(mod)) return;
    for (const r of Array.isArray(mod.resources) ? mod.resources : []) {
      if (!isObject(r) || typeof r.address !== 'string' || !isObject(r.expressions)) continue;
      for (const [attr, expr] of Object.entries(r.expressions)) {
        const list = isObject(expr) && Array.isArray(expr.references) ? expr.references : [];
        // The resource itself is the shortest reference that is not a module path or a variable.
        const target = list.filter((s): s is string => typeof s === 'string' && /^[a-z0-9_]+\.[A-Za-z0-9_-]+$/.test(s) && !s.startsWith('var.') && !s.startsWith('local.'));
        if (target[0] !== undefined) out.set(`${prefix}${r.address}.${attr}`, `${prefix}${target[0]}`);
      }
    }
    if (isObject(mod.module_calls)) {
      for (const [name, call] of Object.entries(mod.module_calls)) if (isObject(call)) walk(call.module, `${prefix}module.${name}.`);
    }
  };
  if (isObject(configuration)) walk(configuration.root_module, '');
  return out;
}
