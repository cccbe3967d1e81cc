/**
 * Which connectivity models a study compares. The rules are deliberately simple, after the
 * seeds' comparison table [CONN]: point-to-point fits any site; cloud-exchange needs a presence
 * in a colocation facility; any-to-any is for several branches on a provider's WAN; Direct's
 * 10 or 100 Gbps port pair [DIRECT24] pays off only for circuits of 10 Gbps or more. A study's
 * `models` list replaces the rules.
 */
import { DIRECT_PORT_BPS } from '../domain/expressroute';

export const DECIDE_MODELS = ['cloud-exchange', 'point-to-point', 'any-to-any', 'direct'] as const;
export type DecideModel = (typeof DECIDE_MODELS)[number];

/** What the rules read from a study. */
export interface ModelInputs {
  bandwidthBps: number;
  hasColocation: boolean;
  sites: readonly { role: string; inColo: boolean; coloDistance?: string | undefined }[];
  /** The study's own list, if it gives one. */
  models?: readonly DecideModel[] | undefined;
}

export interface ModelChoice {
  model: DecideModel;
  applies: boolean;
  why: string;
}

/** Every model, in DECIDE_MODELS order, with whether it applies and why. */
export function chooseModels(s: ModelInputs): ModelChoice[] {
  if (s.models !== undefined) {
    const listed = new Set(s.models);
    return DECIDE_MODELS.map((model) => ({ model, applies: listed.has(model), why: listed.has(model) ? 'listed in models' : 'not listed in models' }));
  }
  const colo = s.hasColocation || s.sites.some((x) => x.inColo || x.coloDistance !== undefined);
  const branches = s.sites.some((x) => x.role === 'branch') && s.sites.length >= 2;
  const directMin = Math.min(...DIRECT_PORT_BPS);
  const gbps = (bps: number) => `${bps / 1e9} Gbps`;
  return [
    { model: 'cloud-exchange', applies: colo, why: colo ? 'a colocation facility is given' : 'no colocation facility and no site in one' },
    { model: 'point-to-point', applies: true, why: 'an Ethernet line from each site fits any study' },
    { model: 'any-to-any', applies: branches, why: branches ? 'several sites with branches, as on an MPLS WAN' : 'not several sites with a branch' },
    {
      model: 'direct',
      applies: s.bandwidthBps >= directMin,
      why: s.bandwidthBps >= directMin ? `bandwidth ${gbps(s.bandwidthBps)} fills a ${gbps(directMin)} port pair` : `bandwidth ${gbps(s.bandwidthBps)} is below Direct's smallest port, ${gbps(directMin)}`,
    },
  ];
}
