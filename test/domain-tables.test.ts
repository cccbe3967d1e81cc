/**
 * The README's tables of domain figures are what the code renders from sim/domain/ (rewrite
 * them with `npm run readme:tables`), and each modelled item of the 2026-12 audit names
 * constants that exist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SECTION_9_AUDIT } from '../sim/domain/audit-2026-12';
import { domainTables, rateText, thousands } from '../sim/domain/domain-tables';
import * as domain from '../sim/domain/expressroute';
import { readmeBlock, withTables } from '../sim/domain/readme-blocks';
import { repositoryRoot } from '../sim/scenario/write-json-schema';

const tables = suite('README tables of domain figures');
const README = fs.readFileSync(path.join(repositoryRoot(), 'README.md'), 'utf8');

for (const t of domainTables()) {
  tables(`README's ${t.id} table is the one the code renders (npm run readme:tables)`, () => {
    assert.is(readmeBlock(README, t.id), t.markdown);
  });
}

tables('the rendered tables carry the figures of the audit', () => {
  const [er, vpn] = domainTables();
  assert.match(er!.markdown, '| `ErGwScale40` | 40 Gbps | 8,000,000 | 16 | 60,000 | [SCALE25] |');
  assert.match(er!.markdown, '| `ErGwScale1` | 1 Gbps | 100,000 | 4 | 4,000 | [SCALE25] |');
  assert.match(er!.markdown, '| `ErGwScale2` | 2 Gbps | 200,000 | 8 |');
  assert.match(vpn!.markdown, '| `VpnGw1`, `VpnGw1AZ` | 650 Mbps | 650 Mbps | 62,000 | 99.2 Mbps | 30 |');
});

tables('a table is rewritten between its markers and nowhere else', () => {
  const text = 'before\n<!-- table:x -->\nold\n<!-- /table:x -->\nafter';
  assert.is(withTables(text, [{ id: 'x', markdown: 'new' }]), 'before\n<!-- table:x -->\nnew\n<!-- /table:x -->\nafter');
  assert.throws(() => withTables('no markers', [{ id: 'x', markdown: 'new' }]), /no <!-- table:x -->/);
});

tables('number words: thousands and rates', () => {
  assert.is(thousands(8_000_000), '8,000,000');
  assert.is(thousands(950), '950');
  assert.is(rateText(1.25e9), '1.25 Gbps');
  assert.is(rateText(99.2e6), '99.2 Mbps');
});

tables('every modelled audit item names constants of sim/domain/expressroute.ts; every other one says why not', () => {
  const exported = new Set(Object.keys(domain));
  for (const a of SECTION_9_AUDIT) {
    if (a.modelled) {
      assert.ok(a.constants.length > 0, `${a.item}: no constants`);
      for (const c of a.constants) assert.ok(exported.has(c), `${a.item}: ${c} is not exported by expressroute.ts`);
    } else assert.ok(a.detail.length > 20, `${a.item}: no reason`);
    assert.match(a.source, /\[|facts/, `${a.item}: no source`);
  }
});

tables.run();
