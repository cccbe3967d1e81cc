/**
 * Writes the trace flows' test files, test/fixtures/trace.{csv,pcap,pcapng}: synthetic packets
 * built byte by byte in test/helpers/capture-fixtures.ts, no captured traffic. Run it after
 * changing them: `npm run build && node dist/scripts/make-trace-fixtures.js`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from '../sim/scenario/write-json-schema';
import { FIXTURES } from '../test/helpers/capture-fixtures';

const dir = path.join(repositoryRoot(), 'test', 'fixtures');
fs.mkdirSync(dir, { recursive: true });
for (const [name, make] of Object.entries(FIXTURES)) {
  fs.writeFileSync(path.join(dir, name), make());
  console.log(`wrote ${path.join('test', 'fixtures', name)}`);
}
