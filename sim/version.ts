/** The ersim version, from package.json: recorded in run.json so a replay can tell runs of other versions apart. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ERSIM_VERSION = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
