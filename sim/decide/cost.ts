/**
 * Monthly cost of a design from the study's price inputs: which items each model pays for, and
 * how many of each. The counts follow the models' paths [CONN]: a colo (cloud-exchange) or your
 * routers at the peering location (direct) need rack space and a cross-connect per leg; a
 * point-to-point circuit is an Ethernet line from every site; any-to-any adds the provider's
 * Azure connection to a WAN the sites already have. Prices are the user's; ersim ships none as
 * current.
 */
import type { Study } from './load-study';
import type { Design } from './design-scenarios';
import { COST_ITEMS, type CostItems } from './study-schema';
import type { DecideModel } from './models';

type Item = (typeof COST_ITEMS)[number];

/** How many of each item a design with `circuits` circuits and `sites` sites pays for, per model. */
function counts(model: DecideModel, circuits: number, sites: number): Partial<Record<Item, number>> {
  switch (model) {
    case 'cloud-exchange':
      return { circuit: circuits, provider: circuits, crossConnect: 2 * circuits, colocation: circuits };
    case 'point-to-point':
      return { circuit: circuits, provider: sites * circuits };
    case 'any-to-any':
      return { circuit: circuits, provider: circuits };
    case 'direct':
      return { circuit: circuits, port: circuits, crossConnect: 2 * circuits, colocation: circuits };
  }
}

/** The design's cost per month, or undefined when the study gives no prices. */
export function monthlyCost(study: Study, design: Design): number | undefined {
  const costs = study.doc.costs;
  if (costs === undefined) return undefined;
  const prices: CostItems = { ...pick(costs), ...pick(costs.models?.[design.model] ?? {}) };
  const n: Partial<Record<Item, number>> = { ...counts(design.model, design.circuits, study.doc.sites.length), erGateway: 1, vpnGateway: design.vpn ? 1 : 0 };
  return COST_ITEMS.reduce((sum, item) => sum + (prices[item] ?? 0) * (n[item] ?? 0), 0);
}

function pick(x: CostItems): CostItems {
  return Object.fromEntries(COST_ITEMS.filter((k) => x[k] !== undefined).map((k) => [k, x[k]]));
}
