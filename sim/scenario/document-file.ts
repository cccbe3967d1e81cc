/**
 * Reading a scenario or study file from disk: only a regular file (a symlink to /dev/zero, a
 * FIFO or a folder would hang or fill memory), and only up to MAX_DOCUMENT_BYTES, the size at
 * which a document stops being a description of a network and starts being a way to fill the
 * disk (run.json and the report copy it).
 */
import * as fs from 'node:fs';
import { ScenarioError } from './scenario-error';

/** 4 MiB: ten times a custom star of 3,000 sites. */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

/** The text of `file`; throws a ScenarioError saying why it cannot be read. `kind` is "scenario" or "study". */
export function readDocumentFile(file: string, kind: string): string {
  const refuse = (found: string, expected = `a readable ${kind} file`) => new ScenarioError([{ file, path: '', expected, found }]);
  let fd: number;
  try {
    // Non-blocking, so that opening a FIFO returns at once and is refused below instead of waiting for a writer.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    throw refuse(readProblem(err));
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw refuse(notRegular(stat), `a ${kind} file (a regular file)`);
    if (stat.size > MAX_DOCUMENT_BYTES) throw refuse(`${stat.size} bytes`, `a ${kind} file of at most 4 MiB`);
    // Read no more than the cap even if the file grows after the fstat.
    const buffer = Buffer.alloc(MAX_DOCUMENT_BYTES + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_DOCUMENT_BYTES) throw refuse('a file that grew past 4 MiB while it was read', `a ${kind} file of at most 4 MiB`);
    return buffer.toString('utf8', 0, length);
  } catch (err) {
    if (err instanceof ScenarioError) throw err;
    throw refuse(readProblem(err));
  } finally {
    fs.closeSync(fd);
  }
}

function notRegular(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Why a file could not be read, in the words of an error message's `found`. */
export function readProblem(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'a folder';
    case 'EACCES':
    case 'EPERM':
      return 'a file it may not read (permission denied)';
    default:
      return (err as Error).message;
  }
}

/**
 * Where valid JSON `text` repeats a key within one object ("at line L, column C" of the second
 * use, and the key), or undefined. JSON.parse keeps the last silently; YAML refuses a repeat, so JSON does too.
 */
export function duplicateJsonKey(text: string): { key: string; offset: number } | undefined {
  // Each open object's keys; undefined for an open array.
  const open: (Set<string> | undefined)[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') open.push(new Set());
    else if (ch === '[') open.push(undefined);
    else if (ch === '}' || ch === ']') open.pop();
    else if (ch === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const keys = open[open.length - 1];
      if (keys !== undefined && /^\s*:/.test(text.slice(end + 1, end + 64))) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) return { key, offset: i };
        keys.add(key);
      }
      i = end;
    }
  }
  return undefined;
}
