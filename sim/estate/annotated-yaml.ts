/**
 * A YAML document built field by field, where a field may carry a note that is written as a
 * comment beside it (a scalar: at the end of its line; an object or list item: on the lines
 * before it). The `yaml` package's Document API renders the comments.
 */
import { Document, isMap, isScalar, type Node } from 'yaml';

export type FieldPath = readonly (string | number)[];

export class AnnotatedYaml {
  private readonly root: Record<string, unknown> = {};
  private readonly notes = new Map<string, { path: FieldPath; lines: string[] }>();

  /** Set the field at `path` (objects and lists on the way are created), with an optional note. */
  set(path: FieldPath, value: unknown, note?: string): void {
    let at: Record<string | number, unknown> = this.root;
    path.forEach((key, i) => {
      if (i === path.length - 1) {
        at[key] = value;
        return;
      }
      at[key] ??= typeof path[i + 1] === 'number' ? [] : {};
      at = at[key] as Record<string | number, unknown>;
    });
    if (note !== undefined) this.note(path, note);
  }

  /** Add a comment line to the field at `path` (set before or after). */
  note(path: FieldPath, line: string): void {
    const key = JSON.stringify(path);
    const entry = this.notes.get(key) ?? { path, lines: [] };
    entry.lines.push(line);
    this.notes.set(key, entry);
  }

  toString(header: string[]): string {
    const doc = new Document(this.root);
    for (const { path, lines } of this.notes.values()) {
      const node = doc.getIn(path, true) as Node | undefined;
      if (node === undefined) throw new Error(`note on ${path.join('.')}, a field that was never set`);
      const text = lines.map((l) => ` ${l}`).join('\n');
      if (isScalar(node) && lines.length === 1) {
        node.comment = text;
        continue;
      }
      const last = path[path.length - 1]!;
      const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
      if (typeof last === 'number' || !isMap(parent)) {
        node.commentBefore = text;
        continue;
      }
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
      if (pair !== undefined && isScalar(pair.key)) pair.key.commentBefore = text;
    }
    doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
    return doc.toString({ lineWidth: 0 });
  }
}

