/**
 * CsvFile: one CSV result file written as a stream with fast-csv: a fixed header, rows of
 * already-formatted strings, `\n` line ends, no trailing newline quirks between platforms.
 */
import * as fs from 'node:fs';
import { format, CsvFormatterStream } from 'fast-csv';
import { namedError } from './atomic-file';

type Row = string[];

export class CsvFile {
  private readonly csv: CsvFormatterStream<Row, Row>;
  private readonly out: fs.WriteStream;
  private readonly finished: Promise<void>;

  constructor(readonly path: string, readonly headers: readonly string[]) {
    this.csv = format<Row, Row>({ headers: [...headers], rowDelimiter: '\n', includeEndRowDelimiter: true, alwaysWriteHeaders: true });
    this.out = fs.createWriteStream(path);
    this.finished = new Promise((resolve, reject) => {
      this.out.on('finish', resolve);
      this.out.on('error', (err) => reject(namedError(err, path)));
      this.csv.on('error', reject);
    });
    this.csv.pipe(this.out);
  }

  /** Queue a row; false when the stream wants the caller to wait for `drain`. */
  write(row: Row): boolean {
    return this.csv.write(row.map(defuseFormula));
  }

  /** Resolve once buffered rows have been handed to the file, to keep memory flat on long runs. */
  drained(): Promise<void> {
    if (this.out.writableNeedDrain || this.csv.writableNeedDrain) {
      return new Promise((resolve) => (this.out.writableNeedDrain ? this.out : this.csv).once('drain', () => resolve()));
    }
    return Promise.resolve();
  }

  async close(): Promise<void> {
    this.csv.end();
    await this.finished;
  }
}

/**
 * A text cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
 * return, and not a number) gets a leading apostrophe, as OWASP's CSV injection advice says.
 * A cell that starts with an apostrophe gets one too, so `restoreFormula` can undo exactly.
 */
export function defuseFormula(cell: string): string {
  return /^[=+\-@\t\r']/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell) ? `'${cell}` : cell;
}

/** The cell as it was before `defuseFormula`: what a reader shows (a flow named `-SUM`, not `'-SUM`). */
export function restoreFormula(cell: string): string {
  return /^'[=+\-@\t\r']/.test(cell) ? cell.slice(1) : cell;
}
