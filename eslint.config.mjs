// @ts-check
/**
 * Lint for ersim (`npm run lint`, run by .ci/run): typescript-eslint's type-checked recommended
 * rules over sim/, test/, bench/ and scripts/; the simulation reads no wall clock and no unseeded
 * random number; below the CLI nothing prints; and each layer of sim/ imports only the layers below
 * it. LAYERS is the one definition of that order: test/layers.test.ts runs the rules made from it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The layers of sim/, bottom to top (README section 10). */
export const LAYERS = [
  'domain',
  'kernel',
  'scenario',
  'topology',
  'trace',
  'net',
  'metrics',
  'faults',
  'routing',
  'traffic',
  'run',
  'review',
  'study',
  'decide',
  'estate',
  'report',
  'cli',
];

// A folder of sim/ outside LAYERS would escape the layer rules: refuse to lint until it is placed.
const unplaced = fs
  .readdirSync(path.join(import.meta.dirname, 'sim'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !LAYERS.includes(d.name))
  .map((d) => d.name);
if (unplaced.length > 0) throw new Error(`sim/${unplaced.join(', sim/')} is in no layer: add it to LAYERS in eslint.config.mjs`);

/** One config per layer: importing any layer above it is an error (domain is the bottom, so any layer may import it). */
const layerRules = LAYERS.slice(0, -1).map((layer, i) => {
  const above = LAYERS.slice(i + 1);
  return {
    name: `ersim/layer-${layer}`,
    files: [`sim/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${above.join('|')})(/|$)`,
              message: `sim/${layer} may import only ${i === 0 ? 'itself' : LAYERS.slice(0, i + 1).join(', ')} (each layer imports only the layers below it: README section 10).`,
            },
          ],
        },
      ],
    },
  };
});

const REPRODUCIBLE = 'The simulation must be reproducible from its seed: use the kernel clock (sim.now) and the seeded streams of sim/kernel/random.ts; wall-clock time is read only in sim/cli and sim/report.';
const CLOCKS = [
  { object: 'Math', property: 'random', message: REPRODUCIBLE },
  { object: 'Date', property: 'now', message: REPRODUCIBLE },
  { object: 'performance', property: 'now', message: REPRODUCIBLE },
  { object: 'process', property: 'hrtime', message: REPRODUCIBLE },
];
const EXITS = [{ object: 'process', property: 'exit', message: 'Only sim/cli exits: the layers below return results and throw errors.' }];

export default defineConfig(
  { ignores: ['dist/**', 'results/**', 'test/golden/**', 'node_modules/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // tsc's noUnusedLocals/noUnusedParameters already fail the build on these; `_name` marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    name: 'ersim/reproducible',
    files: ['sim/**/*.ts'],
    ignores: ['sim/cli/**', 'sim/report/**'],
    rules: {
      'no-restricted-properties': ['error', ...CLOCKS, ...EXITS],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: REPRODUCIBLE },
        { selector: "CallExpression[callee.name='Date']", message: REPRODUCIBLE },
      ],
    },
  },
  {
    name: 'ersim/report-exits-not',
    files: ['sim/report/**/*.ts'],
    rules: { 'no-restricted-properties': ['error', ...EXITS] },
  },
  {
    name: 'ersim/quiet-below-cli',
    files: ['sim/**/*.ts'],
    // The two schema writers are scripts of their own (npm run schema), not a layer's code.
    ignores: ['sim/cli/**', 'sim/scenario/write-json-schema.ts', 'sim/decide/write-study-schema.ts'],
    rules: { 'no-console': 'error' },
  },
  layerRules,
);
