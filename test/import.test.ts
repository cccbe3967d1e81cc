/**
 * ersim import (issue 18, item 1): the bundled ARM template and Terraform plan of one design
 * each import into a scenario that validates and runs, and runs exactly as the hand-written
 * equivalent; Direct is inferred from the port; a provider circuit needs --model; bad input
 * names its file and field and writes nothing; --out replaces only an earlier import.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ersimInProcess } from './helpers/cli';

const imp = suite('ersim import');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-import-'));
const EXAMPLES = path.resolve('examples/import');
// The London circuit fails for 3 s: traffic moves to Amsterdam (weight 0) only if the weights were imported.
const FAILURE = ['--set', 'failures[0]={target: contoso-er-london, at: 3s, for: 3s}'];

function write(name: string, doc: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

async function summaryOf(scenario: string, out: string): Promise<string> {
  const r = await ersimInProcess(['run', scenario, '--out', out, ...FAILURE], tmp);
  assert.is(r.code, 0, r.err);
  return fs.readFileSync(path.join(tmp, out, 'contoso-er-london', 'summary.csv'), 'utf8');
}

imp('the ARM template and the Terraform plan import, validate and run as the hand-written scenario', async () => {
  const expected = await summaryOf(path.join(EXAMPLES, 'contoso-equivalent.yaml'), 'hand');
  for (const [source, out] of [['contoso-arm-template.json', 'arm.yaml'], ['contoso-terraform-plan.json', 'tf.yaml']] as const) {
    const r = await ersimInProcess(['import', path.join(EXAMPLES, source), '--model', 'cloud-exchange', '--out', out], tmp);
    assert.is(r.code, 0, r.err);
    const v = await ersimInProcess(['validate', out], tmp);
    assert.is(v.code, 0, v.err);
    assert.match(v.out, /^ok {2}tf\.yaml|^ok {2}arm\.yaml/m);
    assert.fixture(await summaryOf(out, `run-${out}`), expected, `${source}: summary.csv differs from the hand-written scenario's`);
  }
  // The failure costs packets: the runs compared are not two quiet designs.
  assert.match(expected, /,cbr,1250,\d+,[1-9]\d*,/);
});

imp('every value the export does not hold is commented as assumed; what ersim lacks is commented too', () => {
  const text = fs.readFileSync(path.join(tmp, 'arm.yaml'), 'utf8');
  assert.ok(text.startsWith('# Imported by ersim import'));
  for (const field of ['duration', 'seed', 'layer', 'port', 'regionDistance', 'distance']) {
    for (const line of text.split('\n').filter((l) => new RegExp(`^\\s*-?\\s*${field}:`).test(l))) assert.match(line, /# assumed/, line);
  }
  assert.match(text, /^model: cloud-exchange # from --model/m);
  assert.match(text, /# assumed: the export holds no traffic/);
  assert.match(text, /# assumed: the internet path to the VPN gateway is not in the export\n\s+internet:/);
  assert.match(text, /Global Reach enabled: ersim has no field for it/);
  assert.match(text, /activeActive: this version of ersim runs the VPN gateway active-standby/);
  assert.match(text, /zone-redundant \(an AZ SKU\)/);
  assert.match(text, /weight: 100 # routing weight of connection "contoso-conn-er-london"/);
  assert.match(text, /dpdTimeout: 30s/);
  assert.match(text, /prefixes 10\.10\.0\.0\/16 10\.11\.0\.0\/16/);
});

// What `az network express-route show` and `az network express-route port show` print: properties flattened to the top.
const ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/contoso-network/providers/Microsoft.Network';
const directCircuit = {
  id: `${ID}/expressRouteCircuits/contoso-er-direct`,
  name: 'contoso-er-direct',
  type: 'Microsoft.Network/expressRouteCircuits',
  sku: { name: 'Standard_MeteredData', tier: 'Standard', family: 'MeteredData' },
  expressRoutePort: { id: `${ID}/expressRoutePorts/contoso-port-ams` },
  bandwidthInGbps: 5,
  globalReachEnabled: false,
  peerings: [{ name: 'AzurePrivatePeering', peeringType: 'AzurePrivatePeering' }],
};
const directPort = { id: `${ID}/expressRoutePorts/contoso-port-ams`, name: 'contoso-port-ams', type: 'Microsoft.Network/expressRoutePorts', peeringLocation: 'Amsterdam2', bandwidthInGbps: 10, encapsulation: 'Dot1Q' };

imp('az show output of a circuit on a Direct port: the model is inferred as direct, the port sets circuit.port', async () => {
  const files = [write('circuit.json', directCircuit), write('port.json', directPort)];
  const r = await ersimInProcess(['import', ...files, '--out', 'direct.yaml'], tmp);
  assert.is(r.code, 0, r.err);
  const text = fs.readFileSync(path.join(tmp, 'direct.yaml'), 'utf8');
  assert.match(text, /^model: direct # inferred: the circuit is on an ExpressRoute Direct port/m);
  assert.match(text, /bandwidth: 5Gbps/);
  assert.match(text, /port: 10Gbps # the port "contoso-port-ams"/);
  assert.match(text, /peeringLocation: Amsterdam2/);
  const v = await ersimInProcess(['validate', 'direct.yaml'], tmp);
  assert.is(v.code, 0, v.err);
  const wrong = await ersimInProcess(['import', ...files, '--model', 'cloud-exchange', '--out', 'wrong.yaml'], tmp);
  assert.is(wrong.code, 2);
  assert.match(wrong.err, /--model cloud-exchange does not fit/);
  assert.not.ok(fs.existsSync(path.join(tmp, 'wrong.yaml')));
});

imp('a Terraform state resolves connections by resource id and reads weights from them', async () => {
  const res = (type: string, name: string, values: object) => ({ address: `${type}.${name}`, mode: 'managed', type, name, values });
  const circuit = (name: string, location: string) =>
    res('azurerm_express_route_circuit', name, { id: `${ID}/expressRouteCircuits/${name}`, name, peering_location: location, bandwidth_in_mbps: 200, sku: [{ tier: 'Standard', family: 'MeteredData' }] });
  const connection = (name: string, circuitName: string, weight: number) =>
    res('azurerm_virtual_network_gateway_connection', name, { name, type: 'ExpressRoute', routing_weight: weight, express_route_circuit_id: `${ID}/expressRouteCircuits/${circuitName}` });
  const state = {
    format_version: '1.0',
    terraform_version: '1.9.8',
    values: { root_module: { resources: [circuit('er-a', 'London'), circuit('er-b', 'Dublin'), connection('conn-b', 'er-b', 20), connection('conn-a', 'er-a', 10)] } },
  };
  const r = await ersimInProcess(['import', write('state.json', state), '--model', 'point-to-point', '--out', 'state.yaml'], tmp);
  assert.is(r.code, 0, r.err);
  const text = fs.readFileSync(path.join(tmp, 'state.yaml'), 'utf8');
  assert.match(text, /name: er-a\n(.*\n)*?\s+weight: 10 # routing weight of connection "conn-a"/);
  assert.match(text, /name: er-b\n(.*\n)*?\s+weight: 20 # routing weight of connection "conn-b"/);
  assert.match(text, /name: onprem # |# assumed: no local network gateway in the input, so one site/);
});

imp('a provider circuit without --model is a usage error asking for it; nothing is written', async () => {
  const r = await ersimInProcess(['import', path.join(EXAMPLES, 'contoso-arm-template.json'), '--out', 'no-model.yaml'], tmp);
  assert.is(r.code, 2);
  assert.match(r.err, /give --model cloud-exchange\|point-to-point\|any-to-any/);
  assert.not.ok(fs.existsSync(path.join(tmp, 'no-model.yaml')));
});

imp('bad input names the file, the field path, what was expected and what was found; exit 2, nothing written', async () => {
  const bad = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'contoso-arm-template.json'), 'utf8')) as { resources: { properties: Record<string, unknown> }[] };
  (bad.resources[0]!.properties.serviceProviderProperties as Record<string, unknown>).bandwidthInMbps = 'lots';
  bad.resources[6]!.properties.localNetworkAddressSpace = { addressPrefixes: '10.10.0.0/16' };
  const file = write('bad.json', bad);
  const r = await ersimInProcess(['import', file, '--model', 'any-to-any', '--out', 'bad.yaml'], tmp);
  assert.is(r.code, 2);
  assert.match(r.err, `${file}: resources[0].properties.serviceProviderProperties.bandwidthInMbps: expected a number, 0 or more, found "lots"`);
  assert.match(r.err, `${file}: resources[6].properties.localNetworkAddressSpace.addressPrefixes: expected a list of strings, found "10.10.0.0/16"`);
  assert.not.ok(fs.existsSync(path.join(tmp, 'bad.yaml')));
  const notExport = await ersimInProcess(['import', write('other.json', { hello: 'world' }), '--model', 'any-to-any'], tmp);
  assert.is(notExport.code, 2);
  assert.match(notExport.err, /other\.json: expected an ARM template \(resources\[\]\), the JSON of az network/);
  const noCircuit = await ersimInProcess(['import', write('lgw.json', { type: 'Microsoft.Network/localNetworkGateways', name: 'x', localNetworkAddressSpace: { addressPrefixes: [] } })], tmp);
  assert.is(noCircuit.code, 2);
  assert.match(noCircuit.err, /expected an ExpressRoute circuit/);
});

imp('--out replaces an earlier import but not a file ersim did not write (unless --force)', async () => {
  const arm = path.join(EXAMPLES, 'contoso-arm-template.json');
  const again = await ersimInProcess(['import', arm, '--model', 'any-to-any', '--out', 'arm.yaml'], tmp);
  assert.is(again.code, 0, again.err);
  assert.match(fs.readFileSync(path.join(tmp, 'arm.yaml'), 'utf8'), /^model: any-to-any/m);
  fs.writeFileSync(path.join(tmp, 'mine.yaml'), 'name: mine\n');
  const refused = await ersimInProcess(['import', arm, '--model', 'any-to-any', '--out', 'mine.yaml'], tmp);
  assert.is(refused.code, 2);
  assert.match(refused.err, /mine\.yaml exists and ersim did not write it/);
  assert.is(fs.readFileSync(path.join(tmp, 'mine.yaml'), 'utf8'), 'name: mine\n');
  const forced = await ersimInProcess(['import', arm, '--model', 'any-to-any', '--out', 'mine.yaml', '--force'], tmp);
  assert.is(forced.code, 0, forced.err);
  const json = await ersimInProcess(['import', arm, '--model', 'any-to-any', '--out', 'x.json'], tmp);
  assert.is(json.code, 2);
  assert.match(json.err, /--out: expected a scenario file name ending in \.yaml/);
});

imp.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
imp.run();
