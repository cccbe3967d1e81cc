/**
 * Variants of a scenario for the review's demonstrations: its document, edited (failures,
 * traffic, duration, a circuit's field) and checked again like any file, so a variant is as
 * valid as what the user wrote.
 */
import { parseScenarioText } from '../scenario/load-scenario';
import type { Scenario } from '../scenario/types';

export type ScenarioDoc = Record<string, unknown> & { failures?: unknown[]; traffic?: unknown[] };

export function variant(s: Scenario, edit: (doc: ScenarioDoc) => void): Scenario {
  const doc = JSON.parse(JSON.stringify(s.source)) as ScenarioDoc;
  edit(doc);
  return parseScenarioText(JSON.stringify(doc), s.file.replace(/\.\w+$/, '.json'));
}

/** Change `field` of circuit `name`, in a circuit block or in circuits[]. */
export function setCircuitField(doc: ScenarioDoc, name: string, field: string, value: unknown): void {
  if (Array.isArray(doc['circuits'])) {
    for (const c of doc['circuits'] as Record<string, unknown>[]) if (c['name'] === name) c[field] = value;
  } else {
    doc['circuit'] = { ...(doc['circuit'] as object | undefined), [field]: value };
  }
}

/** How a failure target names circuit `name`: "circuit" when it is the only one. */
export function circuitTarget(s: Scenario, name: string): string {
  return s.circuits.length > 1 ? name : 'circuit';
}

/** Two small cbr flows between a site (one with a tunnel, if there is a VPN) and the VNet, one each way: what routing demonstrations watch. */
export const PROBES = ['probe-to-azure', 'probe-from-azure'] as const;

export function probeTraffic(s: Scenario): unknown[] {
  const site = s.vpn?.sites[0] ?? s.sites[0]!.name;
  return [
    { name: PROBES[0], kind: 'cbr', from: site, to: 'vnet', rate: '80kbps', size: '200B' },
    { name: PROBES[1], kind: 'cbr', from: 'vnet', to: site, rate: '80kbps', size: '200B' },
  ];
}
