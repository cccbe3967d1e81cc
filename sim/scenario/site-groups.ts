/**
 * Site groups, expanded in the document before it is resolved, so that every later rule sees
 * ordinary sites and flows: a `sites` entry `{ group, count, ... }` stands for `count` sites
 * named <group>-0001... (distances spread evenly over a range, or drawn from the scenario's
 * seed); a flow whose from or to names a group for one flow per member, named <flow>@<member>;
 * a failure whose target names a group for one failure per member. Problems with a group's
 * own fields name the group's entry; members are checked as sites once expanded.
 */
import { RandomStreams } from '../kernel/random';
import { DEFAULTS } from './defaults';
import { describeFound, type ScenarioIssue } from './scenario-error';
import type { ScenarioDocument, ScenarioFileDocument, SiteDocument, SiteGroupDocument } from './schema';
import { parseDistance } from './units';

/** A group as validate reports it. */
export interface GroupSummary {
  group: string;
  members: number;
  flows: number;
  failures: number;
}

export interface Expanded {
  doc: ScenarioDocument;
  groups: GroupSummary[];
  issues: ScenarioIssue[];
}

export function expandGroups(file: ScenarioFileDocument, fileName: string): Expanded {
  const issues: ScenarioIssue[] = [];
  const fail = (path: string, expected: string, found: unknown) => issues.push({ file: fileName, path, expected, found: describeFound(found) });
  const members = new Map<string, string[]>();
  const sites = file.sites?.flatMap((entry, i): SiteDocument[] => {
    if (!('group' in entry)) return [entry];
    const names = memberNames(entry);
    members.set(entry.group, names);
    if (entry.group === 'vnet') fail(`sites[${i}].group`, 'a group name other than "vnet" (traffic uses "vnet" for the virtual network)', entry.group);
    const distances = memberDistances(entry, file.seed ?? DEFAULTS.seed);
    if (distances === undefined) {
      fail(`sites[${i}].distance`, 'a range from the shorter distance to the longer, such as "50km..500km"', entry.distance);
      return [];
    }
    const { group: _group, count: _count, spread: _spread, distance: _distance, ...site } = entry;
    return names.map((name, k) => ({ ...site, name, distance: `${distances[k]!}m` }));
  });
  if (members.size === 0) return { doc: file as ScenarioDocument, groups: [], issues };
  const groups = [...members].map(([group, names]) => ({ group, members: names.length, flows: 0, failures: 0 }));
  const summary = new Map(groups.map((g) => [g.group, g]));
  const traffic = file.traffic?.flatMap((flow, i) => {
    const fromGroup = members.get(flow.from);
    const toGroup = members.get(flow.to);
    const group = fromGroup ?? toGroup;
    if (group === undefined) return [flow];
    if (fromGroup !== undefined && toGroup !== undefined) {
      fail(`traffic[${i}]`, 'a flow with a group at one end at most (one flow per member of that group)', `from ${flow.from} to ${flow.to}`);
      return [];
    }
    summary.get(fromGroup !== undefined ? flow.from : flow.to)!.flows += group.length;
    return group.map((member) => ({ ...flow, name: `${flow.name}@${member}`, from: fromGroup !== undefined ? member : flow.from, to: toGroup !== undefined ? member : flow.to }));
  });
  const failures = file.failures?.flatMap((failure) => {
    const group = members.get(failure.target);
    if (group === undefined) return [failure];
    summary.get(failure.target)!.failures += group.length;
    return group.map((member) => ({ ...failure, target: member }));
  });
  const doc: ScenarioDocument = { ...file, sites, ...(traffic !== undefined ? { traffic } : {}), ...(failures !== undefined ? { failures } : {}) };
  return { doc, groups, issues };
}

/** <group>-0001 ... with as many digits as the count needs, at least four. */
function memberNames(g: SiteGroupDocument): string[] {
  const width = Math.max(4, String(g.count).length);
  return Array.from({ length: g.count }, (_, i) => `${g.group}-${String(i + 1).padStart(width, '0')}`);
}

/** Each member's distance in whole metres, or undefined for a range that runs backwards. */
function memberDistances(g: SiteGroupDocument, seed: number): number[] | undefined {
  const ends = (g.distance ?? DEFAULTS.site.distance).split('..').map((d) => parseDistance(d)!);
  const lo = ends[0]!;
  const hi = ends[1] ?? lo;
  if (lo > hi) return undefined;
  if (g.spread === 'random') {
    const rng = new RandomStreams(seed).stream(`group:${g.group}/distance`);
    return Array.from({ length: g.count }, () => Math.round(rng.between(lo, hi)));
  }
  return Array.from({ length: g.count }, (_, i) => Math.round(g.count === 1 ? lo : lo + ((hi - lo) * i) / (g.count - 1)));
}
