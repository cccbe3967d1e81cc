/**
 * Each CSV file of a result folder -> a Parquet file of the same rows, for pandas, Arrow, DuckDB
 * and Spark: a column whose every non-empty cell is a number becomes DOUBLE (empty cells null),
 * any other column a UTF-8 STRING (cells as the CSV holds them, a spreadsheet guard removed).
 * Written with hyparquet-writer (pure JavaScript, no native code), which is an ES module: it is
 * loaded with import() at run time, as sim/report loads vega.
 */
import type * as HyparquetWriter from 'hyparquet-writer';
import { pathToFileURL } from 'node:url';
import { ERSIM_VERSION } from '../version';
import type { CsvTable } from '../study/result-folder-reader';

const NUMBER = /^-?\d+(\.\d+)?$/;

// eslint-disable-next-line @typescript-eslint/no-implied-eval -- tsc turns import() into require() under CommonJS, and hyparquet-writer is ESM only
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** Whether the column's non-empty cells are all numbers (an all-empty column too). */
export function isNumericColumn(rows: readonly string[][], i: number): boolean {
  return rows.every((r) => r[i] === '' || NUMBER.test(r[i]!));
}

export async function parquetOf(table: CsvTable): Promise<Uint8Array> {
  const { parquetWriteBuffer } = (await importEsm(pathToFileURL(require.resolve('hyparquet-writer')).href)) as typeof HyparquetWriter;
  const columnData = table.headers.map((name, i) =>
    isNumericColumn(table.rows, i)
      ? { name, type: 'DOUBLE' as const, data: table.rows.map((r) => (r[i] === '' ? null : Number(r[i]))) }
      : { name, type: 'STRING' as const, data: table.rows.map((r) => r[i]!) },
  );
  return new Uint8Array(parquetWriteBuffer({ columnData, createdBy: `ersim ${ERSIM_VERSION}` }));
}
