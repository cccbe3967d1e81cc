/**
 * The layers of sim/ (README section 10): each imports only the layers below it, domain from any.
 * The rules are eslint.config.mjs's, made from its LAYERS; here they run alone and without type
 * information, so the check takes seconds where the full `npm run lint` takes half a minute.
 */
import * as path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs only the named rules of eslint.config.mjs, with type-aware parsing off (and so no word on the other rules' disable comments). */
function linter(...rules: string[]): ESLint {
  return new ESLint({
    cwd: ROOT,
    overrideConfig: [tseslint.configs.disableTypeChecked, { linterOptions: { reportUnusedDisableDirectives: 'off' } }],
    ruleFilter: ({ ruleId }) => rules.includes(ruleId),
  });
}

/** "file -> import" for each upward import the layer rule reports. */
function upwardImports(results: ESLint.LintResult[]): string[] {
  return results.flatMap((r) =>
    r.messages.map((m) => {
      assert.is(m.ruleId, 'no-restricted-imports', `${r.filePath}:${m.line}: ${m.message}`);
      const target = /^'([^']+)' import is restricted/.exec(m.message)?.[1];
      assert.ok(target !== undefined, m.message);
      return `${path.relative(ROOT, r.filePath)} -> ${target}`;
    }),
  );
}

const layers = suite('layers');
const imports = linter('no-restricted-imports');

layers('no import in sim/ goes up a layer', async () => {
  assert.equal(upwardImports(await imports.lintFiles(['sim'])), []);
});

layers('an upward import is reported, type-only or re-exported; imports of lower layers and of domain are not', async () => {
  const text = [
    "import type { FlowStats } from '../metrics/flow-stats';",
    "import { Simulator } from '../kernel/simulator';",
    "import { ER_MTU_BYTES } from '../domain/expressroute';",
    "import { TraceBus } from '../trace/trace-bus';",
    "export { runCommand } from '../cli/run-command';",
    '',
  ].join('\n');
  const results = await imports.lintText(text, { filePath: path.join(ROOT, 'sim/net/x.ts') });
  assert.equal(upwardImports(results), ['sim/net/x.ts -> ../metrics/flow-stats', 'sim/net/x.ts -> ../cli/run-command']);
  assert.match(results[0]!.messages[0]!.message, /sim\/net may import only domain, kernel, scenario, topology, trace, net/);
});

layers('domain imports no other layer; cli may import any', async () => {
  const kernel = "import { Simulator } from '../kernel/simulator';\n";
  assert.equal(upwardImports(await imports.lintText(kernel, { filePath: path.join(ROOT, 'sim/domain/x.ts') })), ['sim/domain/x.ts -> ../kernel/simulator']);
  const report = "import { writeReport } from '../report/report-page';\n";
  assert.equal(upwardImports(await imports.lintText(report, { filePath: path.join(ROOT, 'sim/cli/x.ts') })), []);
});

layers.run();

const reproducible = suite('the simulation reads no clock and no unseeded random');
const clocks = linter('no-restricted-properties', 'no-restricted-syntax');
const READS = ['Math.random();', 'Date.now();', 'new Date();', 'Date();', 'performance.now();', 'process.hrtime.bigint();', 'new Date(0);', ''].join('\n');

reproducible('each read is reported under sim/, with the reason; new Date(ms) is not', async () => {
  const [result] = await clocks.lintText(READS, { filePath: path.join(ROOT, 'sim/net/x.ts') });
  assert.equal(
    result!.messages.map((m) => m.line),
    [1, 2, 3, 4, 5, 6],
  );
  for (const m of result!.messages) assert.match(m.message, /reproducible from its seed/);
});

reproducible('sim/cli and sim/report may read the wall clock', async () => {
  for (const dir of ['cli', 'report']) {
    const [result] = await clocks.lintText(READS, { filePath: path.join(ROOT, `sim/${dir}/x.ts`) });
    assert.equal(result!.messages, [], dir);
  }
});

reproducible.run();
