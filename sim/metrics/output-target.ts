/**
 * What ersim may replace: only what it wrote. A folder ersim makes carries a marker file; a file
 * it writes is replaced only when it is a regular file (ersim's own, or any with --force). A
 * device, FIFO, socket or symbolic link is never replaced, even with --force: renaming over it
 * would turn /dev/null into a regular file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ERSIM_VERSION } from '../version';

/** The marker file of a folder ersim made; its first word is the signature. */
export const MARKER_FILE = '.ersim-output';
const SIGNATURE = 'ersim';

/** Files that marked a folder as ersim's before the marker file existed, and how each starts: a record with ersim's version, or the availability study's header. */
const LEGACY_RECORDS: [string, RegExp][] = [
  ['run.json', /^\{\s*"ersim":\s*"/],
  ['decide.json', /^\{\s*"ersim":\s*"/],
  ['sweep.json', /^\{\s*"ersim":\s*"/],
  ['availability.csv', /^site,design,replications,years,availability_pct,/],
];

/** An output target ersim refuses to write or replace; the CLI exits 2 with the message. */
export class OutputError extends Error {}

export type OutputKind = 'run' | 'decide' | 'sweep' | 'shard' | 'availability' | 'demonstration';

export function writeMarker(dir: string, kind: OutputKind): void {
  fs.writeFileSync(path.join(dir, MARKER_FILE), `${SIGNATURE} ${ERSIM_VERSION} ${kind}\n`, { flag: 'wx' });
}

/** The kind written in the marker of `dir`, `legacy` for a folder marked by its record only, undefined for a folder ersim did not make. */
export function folderKind(dir: string): string | undefined {
  const marker = readSmall(path.join(dir, MARKER_FILE));
  if (marker !== undefined) {
    const [signature, , kind] = marker.trim().split(' ');
    return signature === SIGNATURE && kind !== undefined ? kind : undefined;
  }
  for (const [name, start] of LEGACY_RECORDS) {
    // The first 4 KiB of a large run.json are enough to see its start.
    const text = readSmall(path.join(dir, name));
    if (text !== undefined && start.test(text)) return 'legacy';
  }
  return undefined;
}

/**
 * Throw unless ersim may replace the folder `dest` (or create it): absent, or a folder it made;
 * with `force`, any folder. Never a file, device or link.
 */
export function checkFolderTarget(dest: string, force: boolean): void {
  const stat = lstatOrUndefined(dest);
  if (stat === undefined) return;
  if (!stat.isDirectory()) throw new OutputError(`${dest} exists and is not a folder (${describe(stat)}); ersim replaces only folders it made. Choose another --out.`);
  if (!force && folderKind(dest) === undefined) {
    throw new OutputError(`${dest} exists and ersim did not make it (no ${MARKER_FILE} or ersim record in it); it was left as it was. Choose another --out, or --force to replace it.`);
  }
}

/**
 * Throw unless ersim may replace the file `dest` (or create it): absent, or a regular file that
 * `isOurs` recognises; with `force`, any regular file.
 */
export function checkFileTarget(dest: string, force: boolean, isOurs: (text: string) => boolean): void {
  const stat = lstatOrUndefined(dest);
  if (stat === undefined) return;
  if (!stat.isFile()) throw new OutputError(`${dest} exists and is not a regular file (${describe(stat)}); ersim never replaces it. Choose another --out.`);
  if (!force && !isOurs(readSmall(dest) ?? '')) throw new OutputError(`${dest} exists and ersim did not write it; it was left as it was. Choose another --out, or --force to replace it.`);
}

/** Make the folder `dir` with its marker unless it is there; throw unless it is ersim's folder of `kind` (or any folder, with `force`). */
export function ensureFolder(dir: string, kind: OutputKind, force: boolean): void {
  checkFolderTarget(dir, force);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  try {
    fs.mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return;
  }
  writeMarker(dir, kind);
}

function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The first 4 KiB of a regular file, enough for a marker or a page's head; undefined when there is none. */
function readSmall(file: string): string | undefined {
  let fd: number | undefined;
  try {
    if (!fs.lstatSync(file).isFile()) return undefined;
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(4096);
    return buf.toString('utf8', 0, fs.readSync(fd, buf, 0, buf.length, 0));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function describe(stat: fs.Stats): string {
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isFile()) return 'a file';
  return 'a folder';
}
