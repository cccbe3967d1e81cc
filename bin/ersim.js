#!/usr/bin/env node
// Entry point for `npx ersim`: the TypeScript sources are compiled to dist/ by `npm install` (the prepare script).
require('../dist/sim/cli/main.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
