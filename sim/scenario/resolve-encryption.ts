/**
 * The encryption block resolved: MACsec on Direct ports only [ERENC23], and IPsec over private
 * peering ended by a VPN gateway SKU (the vpn block's, unless the block names another).
 */
import { IPV4_MIN_MTU_BYTES, MACSEC_ICV_BYTES, MACSEC_SCI_BYTES, MACSEC_SECTAG_BYTES, VPN_GATEWAY_SKU_NAMES, vpnGatewaySku } from '../domain/expressroute';
import { DEFAULTS } from './defaults';
import { describeFound } from './scenario-error';
import type { ScenarioDocument } from './schema';
import type { CircuitConfig, EncryptionConfig, IpsecOverEr } from './types';
import type { ValueChecks } from './value-checks';

export function resolveEncryption(c: ValueChecks, doc: ScenarioDocument, circuits: readonly CircuitConfig[]): EncryptionConfig {
  const e = doc.encryption ?? {};
  const E = DEFAULTS.encryption;
  const macsec = e.macsec ?? E.macsec;
  if (macsec && doc.model !== 'direct') {
    c.fail('encryption.macsec', `false: MACsec encrypts the physical ports, so it is available on ExpressRoute Direct only (model is ${doc.model})`, describeFound(e.macsec));
  }
  if (e.macsecSci !== undefined && !macsec) c.fail('encryption.macsecSci', 'no macsecSci without macsec: true', describeFound(e.macsecSci));
  const macsecBytes = macsec ? MACSEC_SECTAG_BYTES + ((e.macsecSci ?? E.macsecSci) ? MACSEC_SCI_BYTES : 0) + MACSEC_ICV_BYTES : 0;
  return { macsecBytes, ipsec: (e.ipsec ?? E.ipsec) ? resolveIpsec(c, doc, circuits) : ipsecFieldsUnused(c, e) };
}

function resolveIpsec(c: ValueChecks, doc: ScenarioDocument, circuits: readonly CircuitConfig[]): IpsecOverEr | undefined {
  const e = doc.encryption ?? {};
  if (doc.model === 'custom') {
    c.fail('encryption.ipsec', 'false: a custom topology has no template path to put the tunnels on', describeFound(e.ipsec));
    return undefined;
  }
  const V = DEFAULTS.vpn;
  const skuName = e.ipsecGateway ?? doc.vpn?.sku ?? V.sku;
  const sku = vpnGatewaySku(skuName);
  if (sku === undefined) {
    c.fail(e.ipsecGateway === undefined ? 'vpn.sku' : 'encryption.ipsecGateway', `a VPN gateway SKU: one of ${VPN_GATEWAY_SKU_NAMES.join(', ')}`, describeFound(skuName));
    return undefined;
  }
  const espBytes = c.size('encryption.espOverhead', e.espOverhead ?? doc.vpn?.espOverhead ?? V.espOverhead, 0);
  const mtuBytes = Math.min(...circuits.map((circuit) => circuit.mtuBytes));
  const innerMtuBytes = mtuBytes - espBytes;
  if (innerMtuBytes < IPV4_MIN_MTU_BYTES) {
    c.fail('encryption.espOverhead', `at most ${mtuBytes - IPV4_MIN_MTU_BYTES}B (the circuit's mtu, ${mtuBytes}B, less the smallest IPv4 MTU, ${IPV4_MIN_MTU_BYTES}B)`, describeFound(e.espOverhead));
  }
  return { sku: skuName, capacityBps: sku.capacityBps, tunnelBps: sku.tunnelBps, tunnelPps: sku.tunnelPps, espBytes, innerMtuBytes };
}

/** Without ipsec: true, the fields that only shape the tunnels are mistakes worth naming. */
function ipsecFieldsUnused(c: ValueChecks, e: NonNullable<ScenarioDocument['encryption']>): undefined {
  for (const field of ['ipsecGateway', 'espOverhead'] as const) {
    if (e[field] !== undefined) c.fail(`encryption.${field}`, `no ${field} without ipsec: true`, describeFound(e[field]));
  }
  return undefined;
}
