/**
 * Scale (issue 17): what one packet flow holds, whatever the run length, and the build of a
 * large custom star within a bounded heap. Each probe runs in a child process
 * (test/helpers/heap-probe.ts): the flow's with full collections before each reading, the
 * star's with its heap capped, so that a build needing more fails. Memory only: the speed of
 * these builds is `npm run bench`'s (build-star-3000, flows-20 against flows-2000).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { customStar } from '../bench/scale-scenarios';
import { estimateBuild } from '../sim/run/cost-estimate';
import { parseScenarioText } from '../sim/scenario/load-scenario';
import { buildTopology } from '../sim/topology/build-topology';

const scale = suite('scale');

const PROBE = path.join(__dirname, 'helpers', 'heap-probe.js');

function probe(nodeFlags: string[], args: string[]): { status: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [...nodeFlags, PROBE, ...args], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout.trim(), err: r.stderr };
}

scale('a packet flow holds at most 32 KiB, after a run of 20 s and of 60 s with a failover to the VPN and back', () => {
  for (const seconds of ['20', '60']) {
    const r = probe(['--expose-gc'], ['flow-bytes', seconds]);
    assert.is(r.status, 0, r.err);
    const bytes = Number(r.out);
    assert.ok(bytes > 0 && bytes <= 32 * 1024, `${seconds} s: ${bytes} bytes per flow`);
  }
});

scale('a custom star of 3,000 sites with a flow up and one down per site builds within a heap of 256 MB', () => {
  const r = probe(['--max-old-space-size=256'], ['build-star', '3000']);
  assert.is(r.status, 0, r.err.slice(-2000));
  assert.is(r.out, '6000');
});

scale('issue 19 item 6: the estimate before the build counts a forwarding entry per node and flow destination', () => {
  const costOf = (sites: number) => {
    const doc = customStar(sites);
    const s = parseScenarioText(JSON.stringify(doc), 'star.json');
    return estimateBuild(s, buildTopology(s));
  };
  const [small, large] = [costOf(500), costOf(1000)];
  assert.is(large.nodes, 1005);
  assert.is(large.destinations, 1001, 'every site (its voice flow) and the VNet (the POS flows)');
  assert.ok(large.memoryBytes - small.memoryBytes >= 5 * (1005 * 1001 - 505 * 501), 'the tables grow with nodes x destinations');
  assert.ok(large.routeWallS > 3 * small.routeWallS, 'route computations grow with destinations x (nodes + links)');
});

scale.run();
