/**
 * `--out DIR` means one thing in every command that writes result folders: the folder that
 * holds them (default `results`). Each command writes its own folder below it: `run` one per
 * scenario (`DIR/<name>`), `sweep` `DIR/<name>-sweep`, `merge` the same, `availability`
 * `DIR/<name>-availability`, `decide` `DIR/<study>-decide`. Until this version `sweep`,
 * `merge`, `availability` and `decide` took the output folder itself: naming such a folder
 * (one ersim made) is refused with a message that says what to write instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { folderKind } from '../metrics/output-target';
import { UsageError } from './usage-error';

export const OUT_FLAG = { type: 'string', default: 'results' } as const;

/** The checked value of --out: a folder that holds result folders. */
export function outParent(text: string): string {
  if (text === '') throw new UsageError('--out: expected a folder, found an empty string (write --out . for the current folder)');
  const isFolder = fs.statSync(text, { throwIfNoEntry: false })?.isDirectory() ?? false;
  const kind = isFolder ? folderKind(text) : undefined;
  if (kind !== undefined) {
    throw new UsageError(
      `--out ${text}: that folder is itself an ersim output (${kind}). --out names the folder that holds the output folders, in every command ` +
        `(run writes <name>, sweep and merge <name>-sweep, availability <name>-availability, decide <study>-decide below it). Write --out ${path.dirname(text)}.`,
    );
  }
  return text;
}
