import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeReport } from '../sim/report/report-page';
import { runInto } from './helpers/report-runs';

/** The part of a page element these checks read (tsconfig has no DOM library: the callbacks run in the browser). */
interface LaidOut {
  id: string;
  getBoundingClientRect(): { width: number; height: number };
}

/**
 * The report in a real browser: Debian's chromium, headless, with no network and a new empty
 * profile, opens the failover-circuit-bfd report from a file:// URL, logs no console error,
 * loads nothing but the file, draws every chart, and leaves screenshots in results/
 * (report-screenshot.png: 1280x900 at the flows; report-screenshot-full.png: the whole page).
 * When chromium is missing, scripts/ensure-chromium.sh installs it; when that fails, the test
 * is skipped with a message saying so.
 */
const browser = suite('ersim report in chromium');

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOT = path.join('results', 'report-screenshot.png');
const FULL_SHOT = path.join('results', 'report-screenshot-full.png');

function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  const r = spawnSync('bash', ['scripts/ensure-chromium.sh'], { encoding: 'utf8' });
  if (r.status !== 0) console.log(`report-browser: scripts/ensure-chromium.sh could not install chromium:\n${(r.stderr ?? '').trim()}`);
  return fs.existsSync(CHROMIUM);
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  assert.ok(b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ersim-browser-'));

if (!chromiumAvailable()) {
  console.log(`report-browser: SKIPPED: no chromium at ${CHROMIUM} and scripts/ensure-chromium.sh could not install it (it needs root and Debian's apt). Install it with: apt-get install -y chromium`);
  browser.skip('the report opens in chromium without console errors, and a screenshot is kept', () => {});
} else {
  let report = '';
  browser.before(async () => {
    const dir = await runInto(path.join('scenarios', 'failover-circuit-bfd.yaml'), tmp);
    report = path.join(dir, 'report.html');
    await writeReport([dir], report);
  });

  browser('the report opens in chromium without console errors, draws every chart, loads nothing else; a screenshot is kept', async () => {
    const profile = fs.mkdtempSync(path.join(tmp, 'profile-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } });
    try {
      const problems: string[] = [];
      const requests: string[] = [];
      context.on('request', (r) => requests.push(r.url()));
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      const url = pathToFileURL(path.resolve(report)).href;
      const response = await page.goto(url, { waitUntil: 'load' });
      assert.ok(response === null || response.ok(), 'the page loads');
      assert.is(await page.title(), 'ersim report: failover-circuit-bfd');

      // Every chart is laid out at a real size: the topology, and a timeline and a CDF per flow (4 flows).
      const charts = await page.$$eval('svg.chart', (svgs: LaidOut[]) =>
        svgs.map((s) => {
          const r = s.getBoundingClientRect();
          return { id: s.id, width: r.width, height: r.height };
        }),
      );
      assert.equal(charts.map((c) => c.id).sort(), ['cdf-0', 'cdf-1', 'cdf-2', 'cdf-3', 'timeline-0', 'timeline-1', 'timeline-2', 'timeline-3', 'topology-graph'].sort());
      for (const c of charts) assert.ok(c.width > 200 && c.height > 150, `${c.id} is ${c.width}x${c.height}`);
      // The failure mark and the VPN band are drawn (visible, with a size) in the first flow's timeline.
      const marks = await page.$$eval('#timeline-0 line[aria-label="failure: circuit"], #timeline-0 .latency_path_bands_marks path[fill="#f58518"]', (els: LaidOut[]) => els.map((e) => e.getBoundingClientRect().height));
      assert.ok(marks.length >= 2 && marks.every((h) => h > 10), `failure rules and VPN bands: ${JSON.stringify(marks)}`);

      fs.mkdirSync('results', { recursive: true });
      await page.screenshot({ path: FULL_SHOT, fullPage: true });
      await page.evaluate('document.getElementById("flows").scrollIntoView()');
      await page.screenshot({ path: SHOT });
      assert.equal(pngSize(SHOT), { width: 1280, height: 900 });
      assert.ok(pngSize(FULL_SHOT).height > 2000);

      assert.equal(problems, [], problems.join('\n'));
      assert.equal(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), [], 'requests beyond the file');
    } finally {
      await context.close();
    }
  });
}

browser.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
browser.run();
