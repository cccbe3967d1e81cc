/**
 * `npm run readme:tables`: rewrite the README's tables of domain figures (ExpressRoute and VPN
 * gateway SKUs, the 2026-12 audit) from the constants in sim/domain/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { domainTables } from '../sim/domain/domain-tables';
import { withTables } from '../sim/domain/readme-blocks';
import { repositoryRoot } from '../sim/scenario/write-json-schema';

const file = path.join(repositoryRoot(), 'README.md');
const before = fs.readFileSync(file, 'utf8');
const after = withTables(before, domainTables());
if (after !== before) fs.writeFileSync(file, after);
console.log(after === before ? 'README.md: tables already current' : 'README.md: tables rewritten');
