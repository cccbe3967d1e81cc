/**
 * The README's tables of domain figures, rendered from the constants of this folder so that the
 * manual cannot drift from the code: `node dist/scripts/readme-tables.js` writes them between
 * each table's markers in README.md, and test/domain-tables.test.ts checks that they agree.
 */
import { SECTION_9_AUDIT } from './audit-2026-12';
import { ER_GATEWAY_SKUS, erGatewayLearnedRouteLimit, erGatewayMaxConnections, erGatewaySku, VPN_GATEWAY_SKUS } from './expressroute';

export interface ReadmeTable {
  /** The marker name: the table sits between `<!-- table:id -->` and `<!-- /table:id -->`. */
  id: string;
  markdown: string;
}

/** 1234567 -> "1,234,567". */
export function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A rate in the README's words: "650 Mbps", "1.25 Gbps". */
export function rateText(bps: number): string {
  return bps >= 1e9 ? `${+(bps / 1e9).toFixed(2)} Gbps` : `${+(bps / 1e6).toFixed(1)} Mbps`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Sizes of ErGwScale shown: where the connections and the per-unit packet rate change, and the largest. */
const SCALE_UNITS_SHOWN = [1, 2, 10, 11, 20, 40];

function erGatewayTable(): ReadmeTable {
  const fixed = ['ErGw1Az', 'ErGw2Az', 'ErGw3Az'].map((az) => {
    const legacy = ER_GATEWAY_SKUS.find((s) => s.capacityBps === erGatewaySku(az)!.capacityBps && s.sku !== az)!.sku;
    return [`\`${legacy}\`, \`${az}\``, az];
  });
  const scale = SCALE_UNITS_SHOWN.map((u) => [`\`ErGwScale${u}\``, `ErGwScale${u}`]);
  const rows = [...fixed, ...scale].map(([label, sku]) => {
    const s = erGatewaySku(sku!)!;
    return [label!, rateText(s.capacityBps), thousands(s.pps), String(erGatewayMaxConnections(sku!)), thousands(erGatewayLearnedRouteLimit(sku!)), `[${s.source}]`];
  });
  return { id: 'er-gateway-skus', markdown: table(['SKU', 'capacity', 'packets/s', 'circuit connections', 'routes learned', 'source'], rows) };
}

/** The voice packet of the audit: at this size the per-tunnel packet cap binds before the bit rate. */
const VOICE_PACKET_BYTES = 200;

function vpnGatewayTable(): ReadmeTable {
  const rows = VPN_GATEWAY_SKUS.map((s) => {
    const published = Number.isFinite(s.tunnelPps);
    return [
      s.sku === 'Basic' ? '`Basic`' : `\`${s.sku}\`, \`${s.sku}AZ\``,
      rateText(s.capacityBps),
      rateText(s.tunnelBps),
      published ? thousands(s.tunnelPps) : 'not published (no cap)',
      published ? rateText(s.tunnelPps * VOICE_PACKET_BYTES * 8) : '',
      String(s.tunnels),
    ];
  });
  const header = ['SKU', 'aggregate', 'per tunnel', 'per-tunnel packets/s', `${VOICE_PACKET_BYTES} B packets reach it at`, 'tunnels'];
  return { id: 'vpn-gateway-skus', markdown: table(header, rows) };
}

function auditTable(): ReadmeTable {
  const rows = SECTION_9_AUDIT.map((a) => [a.item, a.modelled ? 'modelled' : 'not modelled', a.detail, a.source]);
  return { id: 'audit-2026-12', markdown: table(['item (facts §9)', 'status', 'in ersim, or why not', 'source'], rows) };
}

export function domainTables(): ReadmeTable[] {
  return [erGatewayTable(), vpnGatewayTable(), auditTable()];
}
