/**
 * writeFileAtomic: a file written through a temporary file beside it, created exclusively (no
 * link or file of that name is followed or reused), renamed into place when complete, and
 * removed on every failure; the target is checked first (checkFileTarget), so the rename lands
 * only on a regular file or on nothing.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkFileTarget } from './output-target';

export interface AtomicWriteOptions {
  /** Replace a regular file ersim did not write. */
  force: boolean;
  /** Whether an existing file's first 4 KiB show it is ersim's own. */
  isOurs: (text: string) => boolean;
}

export function writeFileAtomic(dest: string, data: string | Uint8Array, opts: AtomicWriteOptions): void {
  checkFileTarget(dest, opts.force, opts.isOurs);
  const tmp = path.join(path.dirname(dest), `.${path.basename(dest)}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const fd = fs.openSync(tmp, 'wx', 0o666);
    created = true;
    try {
      if (typeof data === 'string') fs.writeSync(fd, data);
      // A write of bytes may take less than all of them: go on from where it stopped.
      else for (let at = 0; at < data.length; ) at += fs.writeSync(fd, data, at);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, dest);
  } catch (err) {
    if (created) fs.rmSync(tmp, { force: true });
    throw namedError(err, dest);
  }
}

/** A file system error carries the path it concerns (a failed write names none), so the message can say where. */
export function namedError<E>(err: E, file: string): E {
  if (err instanceof Error) {
    const e = err as NodeJS.ErrnoException;
    if (typeof e.code === 'string' && e.path === undefined) e.path = file;
  }
  return err;
}
