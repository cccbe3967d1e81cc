/**
 * The generated blocks of README.md: each table sits between `<!-- table:id -->` and
 * `<!-- /table:id -->`, and is replaced whole by what domain-tables.ts renders.
 */
import type { ReadmeTable } from './domain-tables';

const open = (id: string) => `<!-- table:${id} -->`;
const close = (id: string) => `<!-- /table:${id} -->`;

/** The text between a table's markers, or undefined when the README lacks them. */
export function readmeBlock(readme: string, id: string): string | undefined {
  const start = readme.indexOf(open(id));
  const end = readme.indexOf(close(id));
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + open(id).length, end).trim();
}

/** The README with each table's block rewritten; throws on a table whose markers are missing. */
export function withTables(readme: string, tables: readonly ReadmeTable[]): string {
  let text = readme;
  for (const t of tables) {
    const start = text.indexOf(open(t.id));
    const end = text.indexOf(close(t.id));
    if (start < 0 || end < start) throw new Error(`README.md has no ${open(t.id)} ... ${close(t.id)} block`);
    text = `${text.slice(0, start + open(t.id).length)}\n${t.markdown}\n${text.slice(end)}`;
  }
  return text;
}
