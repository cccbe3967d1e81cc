/**
 * EventLog: the run's control-plane events (links and nodes going down and up, detections,
 * route changes, failovers), heard on the trace bus and streamed to events.csv as they happen.
 */
import type { ControlEvent, ControlEventName } from '../trace/trace-bus';
import type { CsvFile } from './csv-file';
import { sec } from './format-number';

export const EVENT_HEADERS = ['time_s', 'event', 'subject', 'detail'] as const;

export class EventLog {
  count = 0;
  /** Where rows go; set once the result folder exists (validation never writes). */
  file: CsvFile | undefined;

  /** The trace bus's control kind. */
  control(e: ControlEvent): void {
    this.record(e.timeNs, e.event, e.subject, e.detail);
  }

  record(timeNs: number, event: ControlEventName, subject: string, detail = ''): void {
    this.count++;
    this.file?.write([sec(timeNs), event, subject, detail]);
  }
}
