/**
 * ResultFolder: a run writes into a hidden temporary folder beside its destination and
 * renames it into place only when every file is complete, so a failed run never leaves a
 * half-written result and never touches the previous one.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export class ResultFolder {
  readonly tmp: string;

  constructor(readonly dest: string) {
    const parent = path.dirname(dest);
    fs.mkdirSync(parent, { recursive: true });
    this.tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(dest)}.partial-`));
  }

  file(name: string): string {
    return path.join(this.tmp, name);
  }

  /** sha256 of a finished file in the folder, for run.json. */
  hash(name: string): string {
    return 'sha256:' + crypto.createHash('sha256').update(fs.readFileSync(this.file(name))).digest('hex');
  }

  /** Replace the destination with the finished folder. */
  commit(): void {
    let old: string | undefined;
    if (fs.existsSync(this.dest)) {
      old = `${this.tmp}.old`;
      fs.renameSync(this.dest, old);
    }
    fs.renameSync(this.tmp, this.dest);
    if (old !== undefined) fs.rmSync(old, { recursive: true, force: true });
  }

  discard(): void {
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}
