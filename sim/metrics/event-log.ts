/**
 * EventLog: the run's notable events (links and nodes going down and up, and in later layers
 * detections, route changes, failovers), streamed to events.csv as they happen.
 */
import type { CsvFile } from './csv-file';
import { sec } from './format-number';

export type EventName =
  | 'link_down'
  | 'link_up'
  | 'node_down'
  | 'node_up'
  | 'bfd_down'
  | 'hold_expired'
  | 'dpd_timeout'
  | 'bgp_withdraw'
  | 'flap_masked'
  | 'session_up'
  | 'route_withdrawn'
  | 'route_installed'
  | 'failover'
  | 'failback'
  | 'gateway_failover'
  | 'prefix_leak'
  | 'prefix_leak_end'
  | 'prefix_limit_exceeded'
  | 'prefix_limit_cleared';

export const EVENT_HEADERS = ['time_s', 'event', 'subject', 'detail'] as const;

export class EventLog {
  count = 0;
  /** Where rows go; set once the result folder exists (validation never writes). */
  file: CsvFile | undefined;

  record(timeNs: number, event: EventName, subject: string, detail = ''): void {
    this.count++;
    this.file?.write([sec(timeNs), event, subject, detail]);
  }
}
