/**
 * `--set path=value` edits, applied to a scenario document before it is checked, so an edited
 * value is validated like one written in the file. The path is dotted, with indices as `[i]` or
 * `.i` (`circuit.bandwidth=2Gbps`, `traffic[0].rate=10Mbps`, `sites.1.distance=5km`); missing
 * objects on the way are created. The value is read as YAML, so `true` and `3` are typed and
 * `'3'` stays a string.
 */
import { parse as parseYaml } from 'yaml';
import { type ScenarioIssue } from './scenario-error';
import { formatPath } from './schema-issues';

const SET_PATH = /^[\w$-]+(?:\.[\w$-]+|\[\d+\])*$/;
const SET_EXAMPLE = 'path=value, such as circuit.bandwidth=2Gbps or traffic[0].rate=10Mbps';
/** Names that reach an object's prototype: a path through one could change every object of the process. */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

type Segment = string | number;

/** Apply each edit to `doc` in place; what cannot be applied comes back as issues at path `--set`. */
export function applySets(doc: Record<string, unknown>, sets: readonly string[], file: string): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  for (const set of sets) {
    const problem = applySet(doc, set);
    if (problem !== undefined) issues.push({ file, path: '--set', expected: problem, found: JSON.stringify(set) });
  }
  return issues;
}

/**
 * What is wrong with the path of a `--set` or `--vary` (`flag` names which), or undefined when it
 * is a dotted path of field names and indices that names no prototype.
 */
export function setPathProblem(pathText: string, flag = '--set', example = SET_EXAMPLE): string | undefined {
  if (!SET_PATH.test(pathText)) return example;
  const named = pathText.split(/[.[\]]/).find((segment) => PROTOTYPE_NAMES.has(segment));
  if (named !== undefined) return `a path of scenario fields: ${flag} may not name ${named} (no scenario field is called that)`;
  return undefined;
}

/** What was expected, when `set` cannot be applied. */
function applySet(doc: Record<string, unknown>, set: string): string | undefined {
  const eq = set.indexOf('=');
  const pathText = eq < 0 ? '' : set.slice(0, eq);
  const pathProblem = setPathProblem(pathText);
  if (pathProblem !== undefined) return pathProblem;
  let value: unknown;
  try {
    value = parseYaml(set.slice(eq + 1));
  } catch {
    return `a YAML value after "=" (quote it to set a string), as in ${SET_EXAMPLE}`;
  }

  const segments = (pathText.match(/[^.[\]]+|\[\d+\]/g) ?? []).map(toSegment);
  let node: unknown = doc;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const here = formatPath(segments.slice(0, i)) || 'the document';
    let container: Record<Segment, unknown>;
    if (typeof segment === 'number') {
      if (!Array.isArray(node)) return `${here} to be an array, for index [${segment}]`;
      // An index one past the end appends, so --set can add a flow or a site.
      if (segment > node.length) return `an index from 0 to ${node.length} in ${here} (an array of ${node.length})`;
      container = node as unknown as Record<Segment, unknown>;
    } else {
      if (typeof node !== 'object' || node === null || Array.isArray(node)) return `${here} to be an object, for field ${segment}`;
      container = node as Record<Segment, unknown>;
    }
    if (i === segments.length - 1) {
      container[segment] = value;
    } else {
      // An own field only: `in` would find inherited ones (toString) and walk into them.
      if (!Object.hasOwn(container, segment)) container[segment] = typeof segments[i + 1] === 'number' ? [] : {};
      node = container[segment];
    }
  }
  return undefined;
}

/** `[2]` and a bare `2` are indices; anything else is a field name. */
function toSegment(token: string): Segment {
  const index = /^\[?(\d+)\]?$/.exec(token);
  return index ? Number(index[1]) : token;
}
