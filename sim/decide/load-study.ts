/**
 * Study file -> validated Study, like a scenario: parse YAML or JSON, check the schema, then
 * what the schema cannot (units in range, flow names that exist, fields that go together).
 * The traffic goes through the scenario's own resolver, so a flow is checked exactly as in a
 * scenario file, at the same field path. Every problem is a ScenarioIssue, all at once.
 */
import { readDocumentFile } from '../scenario/document-file';
import { parseDocumentText, throwIfAny } from '../scenario/load-scenario';
import { describeFound, ScenarioError } from '../scenario/scenario-error';
import type { ScenarioDocument } from '../scenario/schema';
import { schemaIssues } from '../scenario/schema-issues';
import { PACKET_KINDS } from '../scenario/schema-traffic';
import type { FlowConfig } from '../scenario/types';
import { resolveTraffic } from '../scenario/resolve-traffic';
import { listNames, ValueChecks } from '../scenario/value-checks';
import { chooseModels, type ModelChoice } from './models';
import { STUDY_DEFAULTS, StudySchema, type StudyDocument } from './study-schema';

export interface StudyRequirements {
  latencyP99Ns?: number;
  jitterNs?: number;
  latencyFlows: string[];
  throughputBps?: number;
  throughputFlows: string[];
  throughputPer: 'total' | 'flow';
  /** A fraction, 0.9995 for 99.95%. */
  availability?: number;
  maxOutageNs?: number;
  outageFlows: string[];
}

export interface Study {
  file: string;
  /** The document as written: its unit strings go into the generated scenarios unchanged. */
  doc: StudyDocument;
  durationNs: number;
  bandwidthBps: number;
  flows: FlowConfig[];
  models: ModelChoice[];
  requirements: StudyRequirements;
}

export function loadStudyFile(file: string): Study {
  return parseStudyText(readDocumentFile(file, 'study'), file);
}

export function parseStudyText(text: string, file: string): Study {
  const document = parseDocumentText(text, file, 'study');
  throwIfAny(schemaIssues(document, file, StudySchema));
  return resolveStudy(document as StudyDocument, file);
}

function resolveStudy(doc: StudyDocument, file: string): Study {
  const c = new ValueChecks(file);
  const durationNs = c.duration('duration', doc.duration ?? STUDY_DEFAULTS.duration, 'positive');
  const bandwidthBps = c.rate('bandwidth', doc.bandwidth);
  checkSites(c, doc);
  const siteNames = doc.sites.map((s) => s.name);
  // The scenario's traffic resolver reads only duration and traffic of its document.
  const flows = resolveTraffic(c, { duration: doc.duration ?? STUDY_DEFAULTS.duration, traffic: doc.traffic } as ScenarioDocument, durationNs, [...siteNames, 'vnet']);
  const requirements = resolveRequirements(c, doc, flows);
  checkReliability(c, doc);
  const models = chooseModels({ bandwidthBps, hasColocation: doc.colocation !== undefined, sites: doc.sites.map((s) => ({ ...s, inColo: s.inColo ?? false })), models: doc.models });
  if (doc.models !== undefined) {
    const seen = c.uniqueNames('model');
    doc.models.forEach((m, i) => seen(m, `models[${i}]`));
  }
  if (c.issues.length > 0) throw new ScenarioError(c.issues);
  return { file, doc, durationNs, bandwidthBps, flows, models, requirements };
}

function checkSites(c: ValueChecks, doc: StudyDocument): void {
  const unique = c.uniqueNames('site name');
  const second = doc.secondPeeringLocation !== undefined;
  if (second && doc.secondPeeringLocation === doc.peeringLocation) {
    c.fail('secondPeeringLocation', `a peering location other than peeringLocation (${JSON.stringify(doc.peeringLocation)})`, describeFound(doc.secondPeeringLocation));
  }
  doc.sites.forEach((s, i) => {
    const path = `sites[${i}]`;
    unique(s.name, `${path}.name`);
    if (s.name === 'vnet') c.fail(`${path}.name`, 'a site name other than "vnet" (traffic uses "vnet" for the virtual network)', describeFound(s.name));
    c.distance(`${path}.distance`, s.distance);
    if (s.secondDistance !== undefined) c.distance(`${path}.secondDistance`, s.secondDistance);
    if (s.coloDistance !== undefined) c.distance(`${path}.coloDistance`, s.coloDistance);
    if (s.bandwidth !== undefined) c.rate(`${path}.bandwidth`, s.bandwidth);
    if (second && s.secondDistance === undefined) c.fail(`${path}.secondDistance`, `a distance such as "500km" to the second peering location (${doc.secondPeeringLocation})`, describeFound(undefined));
    if (!second && s.secondDistance !== undefined) c.fail(`${path}.secondDistance`, 'no secondDistance without a secondPeeringLocation', describeFound(s.secondDistance));
    if (s.inColo === true && s.coloDistance !== undefined) c.fail(`${path}.coloDistance`, 'no coloDistance for a site in the colo (inColo: true)', describeFound(s.coloDistance));
  });
}

function resolveRequirements(c: ValueChecks, doc: StudyDocument, flows: FlowConfig[]): StudyRequirements {
  const r = doc.requirements ?? {};
  const names = flows.map((f) => f.name);
  const known = (field: 'latencyFlows' | 'throughputFlows' | 'outageFlows', fallback: string[]): string[] => {
    const list = r[field];
    if (list === undefined) return fallback;
    list.forEach((n, i) => {
      if (!names.includes(n)) c.fail(`requirements.${field}[${i}]`, `a flow name of traffic (${listNames(names)})`, describeFound(n));
    });
    return list;
  };
  const packetFlows = flows.filter((f) => (PACKET_KINDS as readonly string[]).includes(f.kind)).map((f) => f.name);
  const out: StudyRequirements = {
    latencyFlows: known('latencyFlows', packetFlows),
    throughputFlows: known('throughputFlows', names),
    throughputPer: r.throughputPer ?? STUDY_DEFAULTS.throughputPer,
    outageFlows: known('outageFlows', names),
  };
  if ((r.latencyP99 !== undefined || r.jitter !== undefined) && out.latencyFlows.length === 0) {
    c.fail('requirements.latencyFlows', 'the flows the latency and jitter budgets apply to (traffic has no cbr, poisson or onoff flow to default to)', describeFound(undefined));
  }
  if (r.latencyP99 !== undefined) out.latencyP99Ns = c.duration('requirements.latencyP99', r.latencyP99, 'positive');
  if (r.jitter !== undefined) out.jitterNs = c.duration('requirements.jitter', r.jitter, 'non-negative');
  if (r.throughput !== undefined) out.throughputBps = c.rate('requirements.throughput', r.throughput);
  if (r.maxOutage !== undefined) out.maxOutageNs = c.duration('requirements.maxOutage', r.maxOutage, 'non-negative');
  if (r.availability !== undefined) {
    const a = c.fraction('requirements.availability', r.availability);
    if (doc.reliability === undefined) c.fail('reliability', 'a reliability block: the availability target needs failure rates to measure availability against', describeFound(undefined));
    out.availability = a;
  }
  return out;
}

function checkReliability(c: ValueChecks, doc: StudyDocument): void {
  const r = doc.reliability;
  if (r === undefined) return;
  for (const part of ['leg', 'peeringLocation', 'internet'] as const) {
    const l = r[part];
    if (l === undefined) continue;
    c.mean(`reliability.${part}.mtbf`, l.mtbf);
    c.mean(`reliability.${part}.mttr`, l.mttr);
  }
  if (r.leg === undefined && r.peeringLocation === undefined) c.fail('reliability', 'leg or peeringLocation failure rates (or both): without them nothing of ExpressRoute fails', 'neither');
}
