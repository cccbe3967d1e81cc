/**
 * ResultFolder: a result writes into a hidden temporary folder beside its destination and
 * renames it into place only when every file is complete, so a failed run never leaves a
 * half-written result and never touches the previous one. The temporary folder carries ersim's
 * marker from its first moment (an interrupted or killed run leaves a folder that says whose it
 * is), and the destination is replaced only when it is a folder ersim made (or any folder, with
 * `force`); a file, device or link there is never replaced. A complete result removes the
 * partial folders earlier interrupted runs of the same destination left.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { namedError } from './atomic-file';
import { checkFolderTarget, folderKind, type OutputKind, writeMarker } from './output-target';

export interface ResultFolderOptions {
  kind: OutputKind;
  /** Replace a folder ersim did not make. */
  force?: boolean;
}

export class ResultFolder {
  readonly tmp: string;
  private readonly force: boolean;

  constructor(readonly dest: string, opts: ResultFolderOptions) {
    this.force = opts.force ?? false;
    checkFolderTarget(dest, this.force);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    // mkdir, not mkdtemp: the folder gets the mode the umask gives (mkdtemp's is always 0700); an existing name fails rather than being reused.
    this.tmp = `${partialPrefix(dest)}${crypto.randomBytes(6).toString('hex')}`;
    fs.mkdirSync(this.tmp);
    writeMarker(this.tmp, opts.kind);
  }

  file(name: string): string {
    return path.join(this.tmp, name);
  }

  /** sha256 of a finished file in the folder, for run.json. */
  hash(name: string): string {
    return 'sha256:' + crypto.createHash('sha256').update(fs.readFileSync(this.file(name))).digest('hex');
  }

  /** Write a whole file into the folder; a failure names the file. */
  write(name: string, data: string): void {
    try {
      fs.writeFileSync(this.file(name), data, { flag: 'wx' });
    } catch (err) {
      throw namedError(err, this.file(name));
    }
  }

  /** Replace the destination with the finished folder (checked again: it may have appeared while the result was made). */
  commit(): void {
    checkFolderTarget(this.dest, this.force);
    let old: string | undefined;
    if (fs.existsSync(this.dest)) {
      old = `${this.tmp}.old`;
      fs.renameSync(this.dest, old);
    }
    fs.renameSync(this.tmp, this.dest);
    if (old !== undefined) fs.rmSync(old, { recursive: true, force: true });
    this.removeStalePartials();
  }

  discard(): void {
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }

  /** Partial folders of this destination that earlier interrupted runs left, marked as ersim's: superseded by the complete result. */
  private removeStalePartials(): void {
    const parent = path.dirname(this.dest);
    const prefix = path.basename(partialPrefix(this.dest));
    for (const name of fs.readdirSync(parent)) {
      // The suffix this class makes, or mkdtemp's six characters (earlier versions).
      if (!name.startsWith(prefix) || !/^([0-9a-f]{12}|[A-Za-z0-9]{6})(\.old)?$/.test(name.slice(prefix.length))) continue;
      const dir = path.join(parent, name);
      if (folderKind(dir) !== undefined) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

function partialPrefix(dest: string): string {
  return path.join(path.dirname(dest), `.${path.basename(dest)}.partial-`);
}
