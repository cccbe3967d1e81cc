import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EVENT_HEADERS } from '../sim/metrics/event-log';
import { LINKS_HEADERS, SUMMARY_HEADERS, TIMESERIES_HEADERS } from '../sim/metrics/result-files';
import { ScenarioSchema } from '../sim/scenario/schema';
import { repositoryRoot } from '../sim/scenario/write-json-schema';

/**
 * The README is the user's manual: it must name every field a scenario file may hold and every
 * column of every result file, in backticks, so that a new field or column cannot ship
 * undocumented.
 */
const readme = suite('README');

const TEXT = fs.readFileSync(path.join(repositoryRoot(), 'README.md'), 'utf8');

/** The parts of a JSON schema node the walk reads. */
interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode | SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
}

/**
 * Every field path of the schema: object properties joined by ".", array items as "[]", the
 * branches of a union at the same path (`traffic[].on` is a duration or `{ mean, dist, shape }`).
 */
function fieldPaths(node: SchemaNode, prefix = '', out = new Set<string>()): Set<string> {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const p = prefix === '' ? key : `${prefix}.${key}`;
    out.add(p);
    fieldPaths(child, p, out);
  }
  const items = node.items === undefined ? [] : Array.isArray(node.items) ? node.items : [node.items];
  for (const item of items) fieldPaths(item, `${prefix}[]`, out);
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) fieldPaths(branch, prefix, out);
  return out;
}

const missing = (names: Iterable<string>) => [...names].filter((n) => !TEXT.includes(`\`${n}\``));

readme('the schema walk finds nested, array and union fields (a check of the check)', () => {
  const paths = fieldPaths(ScenarioSchema as unknown as SchemaNode);
  for (const p of ['name', 'circuit.bandwidth', 'sites[].name', 'custom.links[].police', 'traffic[].on', 'traffic[].off.shape', 'failures[].for']) {
    assert.ok(paths.has(p), `the walk missed ${p}`);
  }
  assert.ok(paths.size > 50, `only ${paths.size} paths`);
});

readme('names every field path of the scenario schema in backticks', () => {
  const absent = missing(fieldPaths(ScenarioSchema as unknown as SchemaNode));
  assert.equal(absent, [], `README.md does not document: ${absent.join(', ')}`);
});

readme('names every column of summary.csv, timeseries.csv, events.csv and links.csv in backticks', () => {
  for (const [file, headers] of [
    ['summary.csv', SUMMARY_HEADERS],
    ['timeseries.csv', TIMESERIES_HEADERS],
    ['events.csv', EVENT_HEADERS],
    ['links.csv', LINKS_HEADERS],
  ] as const) {
    const absent = missing(headers);
    assert.equal(absent, [], `README.md does not document these ${file} columns: ${absent.join(', ')}`);
  }
});

readme('shows the quick start and the test command', () => {
  assert.ok(TEXT.includes('npm install && npm start'), 'no "npm install && npm start"');
  assert.ok(/^npm test$/m.test(TEXT) || TEXT.includes('`npm test`'), 'no "npm test"');
});

readme('holds no placeholders', () => {
  const found = TEXT.match(/\b(TODO|TBD|FIXME|XXX)\b|lorem ipsum/gi);
  assert.is(found, null, `placeholders: ${found?.join(', ')}`);
});

readme.run();
