import Ajv from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { GOOD_SCENARIO } from './helpers/good-scenario';

/**
 * The published JSON Schema, as an editor uses it: scenarios/ersim-scenario.schema.json on its
 * own (a plain Ajv, nothing of ersim's loader), against every bundled scenario and the bad
 * inputs of test/cli-bad-input.test.ts that a schema can see.
 */
const schema = suite('JSON Schema of scenario files');

const SCHEMA = JSON.parse(fs.readFileSync('scenarios/ersim-scenario.schema.json', 'utf8')) as object;
const validate = new Ajv({ allErrors: true }).compile(SCHEMA);
const bundled = fs.readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.schema.json')).sort();

const GOOD = GOOD_SCENARIO;

/** Bad inputs of cli-bad-input.test.ts a JSON Schema rejects: a wrong name, shape or unit. */
const REJECTED: [string, string, string, string][] = [
  ['unknown model', 'model: point-to-point', 'model: carrier-pigeon', '/model'],
  ['a unit missing', 'bandwidth: 1Gbps', 'bandwidth: 1000', '/circuit/bandwidth'],
  ['a unit misspelt', 'rate: 80kbps', 'rate: 80kbs', '/traffic/0/rate'],
  ['a JSON array where an object belongs', 'circuit: { bandwidth: 1Gbps }', 'circuit: [1, 2]', '/circuit'],
  ['a misspelt field', 'circuit: { bandwidth: 1Gbps }', 'circuit: { bandwith: 1Gbps }', '/circuit'],
];

/**
 * Bad inputs the published schema accepts, and why; ersim's loader rejects each (exit 2, see
 * cli-bad-input.test.ts). Range checks: the unit patterns accept a sign and any number, so
 * that the loader reaches its range check and says which range is allowed ("a rate above 0")
 * rather than only "expected a rate"; the schema is the loader's own, so it cannot be stricter.
 * Cross-field and topology checks: a JSON Schema cannot check a value against names defined
 * elsewhere in the document, or whether two sites are connected in the model.
 */
const ACCEPTED: [string, string, string][] = [
  ['unknown site in a flow (cross-field: the sites are named elsewhere in the document)', 'to: vnet', 'to: hqq'],
  ['negative bandwidth (range check)', 'bandwidth: 1Gbps', 'bandwidth: -1Gbps'],
  ['zero bandwidth (range check)', 'bandwidth: 1Gbps', 'bandwidth: 0Gbps'],
  ['loss above 100 % (range check)', 'distance: 20km }', 'distance: 20km, loss: 150% }'],
  ['a duration of zero (range check)', 'duration: 2s', 'duration: 0s'],
  ['a flow between sites that are not connected (topology of the model)', 'to: vnet', 'to: branch'],
];

schema('every bundled scenario names the schema for the YAML language server (or $schema for JSON)', () => {
  assert.ok(bundled.length >= 10, `${bundled.length} bundled scenarios`);
  for (const f of bundled) {
    const text = fs.readFileSync(path.join('scenarios', f), 'utf8');
    if (f.endsWith('.json')) assert.is((JSON.parse(text) as { $schema?: string }).$schema, './ersim-scenario.schema.json', f);
    else assert.ok(text.startsWith('# yaml-language-server: $schema=./ersim-scenario.schema.json\n'), `${f}: no yaml-language-server $schema line`);
  }
});

schema('the schema accepts every bundled scenario', () => {
  for (const f of bundled) {
    const doc = parse(fs.readFileSync(path.join('scenarios', f), 'utf8')) as unknown;
    assert.ok(validate(doc), `${f}: ${JSON.stringify(validate.errors)}`);
  }
});

schema('the schema rejects the bad inputs a schema can see, at their field', () => {
  assert.ok(validate(parse(GOOD)), JSON.stringify(validate.errors));
  for (const [what, from, to, at] of REJECTED) {
    const doc = parse(GOOD.replace(from, to)) as unknown;
    assert.not.ok(validate(doc), `${what}: accepted`);
    assert.ok(validate.errors!.some((e) => e.instancePath === at), `${what}: no error at ${at}: ${JSON.stringify(validate.errors)}`);
  }
});

schema('bad inputs only the loader can catch pass the schema (documented, not hidden)', () => {
  for (const [what, from, to] of ACCEPTED) {
    const doc = parse(GOOD.replace(from, to)) as unknown;
    assert.ok(validate(doc), `${what}: now rejected by the schema; move it to the rejected list`);
  }
});

schema.run();
