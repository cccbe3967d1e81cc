/**
 * The scenario file with a calibration applied: its own text (comments kept, for YAML) with
 * each fitted field set and commented with what it was fitted from.
 */
import { isMap, parseDocument } from 'yaml';
import type { SiteFit } from './calibrate';
import { percent } from './calibrate';

/** How a calibrated scenario starts: what lets `--out` replace an earlier one and nothing else. */
export const CALIBRATED_SIGNATURE = '# Calibrated by ersim calibrate';

export function calibratedScenarioText(originalText: string, fits: readonly SiteFit[], measurementsFile: string): string {
  const doc = parseDocument(originalText.replace(/^\uFEFF/, ''));
  for (const f of fits) {
    const m = f.measured;
    const from = `${m.checksTotal} checks in ${m.rows} rows`;
    const edits: [string, string, string][] = [
      ['distance', `${f.distanceM}m`, `calibrated: round trip ${m.rttMs.toFixed(3)} ms measured, ${f.checkRttMs.toFixed(3)} ms simulated (${from})`],
      ['jitter', `${f.jitterNs}ns`, `calibrated: JitterMs ${m.jitterMs.toFixed(3)} ms = 14/15 of this`],
      ['loss', percent(f.loss), `calibrated: ${m.checksFailed} of ${m.checksTotal} checks failed`],
    ];
    // A comment needs a line of its own: a site written { name: hq, ... } is written out in block style.
    const site = doc.getIn(['sites', f.index], true);
    if (isMap(site)) site.flow = false;
    for (const [field, value, note] of edits) {
      const node = doc.createNode(value);
      node.comment = ` ${note}`;
      doc.setIn(['sites', f.index, field], node);
    }
  }
  const header = `${CALIBRATED_SIGNATURE.slice(2)} from ${measurementsFile}: sites[].distance, jitter and loss of ${fits.map((f) => f.site).join(', ')}.`;
  doc.commentBefore = [` ${header}`, doc.commentBefore ?? ''].filter((l) => l !== '').join('\n');
  return doc.toString({ lineWidth: 0 });
}
