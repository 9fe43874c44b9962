/**
 * The sweep's HTML report in a real headless browser (Debian's chromium), offline: the page is
 * screenshotted, the PNG decoded here, and every cell of the safe-region map is sampled at its
 * centre and must have the colour of its verdict; and a copy of the page with a measuring script
 * appended is dumped (`--dump-dom`) to check that every axis tick label is legible: inside its
 * chart, not overlapping its neighbours, a short rounded number.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseAxis } from '../src/fuzz/sweep/grid.ts';
import { FRAME_COLOUR, sweepHtml, VERDICT_COLOURS } from '../src/fuzz/sweep/html.ts';
import { runSweep } from '../src/fuzz/sweep/runSweep.ts';
import { FLAT, syntheticReport } from './sweepSupport.ts';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
// Locally without chromium the test is skipped (install it with `apt-get install -y chromium`);
// in CI .ci/run installs it, and a missing browser fails the test instead of skipping it.
const skipReason = !present && !process.env['CI'] ? `${CHROMIUM} is absent and this is not CI (apt-get install -y chromium to run it)` : null;

interface Image {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/** A minimal PNG decoder: 8-bit RGB or RGBA, non-interlaced, all five filter types. */
function decodePng(buf: Buffer): Image {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let off = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0) throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter]!;
      cur[i] = (line[i]! + pred) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < 3; k++) out[(y * width + x) * 4 + k] = cur[x * channels + k]!;
      out[(y * width + x) * 4 + 3] = channels === 4 ? cur[x * channels + 3]! : 255;
    }
    prev = cur;
  }
  return { width, height, rgba: out };
}

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const near = (img: Image, x: number, y: number, hex: string, tol = 4): boolean => {
  const o = (y * img.width + x) * 4;
  return rgb(hex).every((v, k) => Math.abs(img.rgba[o + k]! - v) <= tol);
};

/** Runs chromium headless on `page` with `extra` flags (screenshot or DOM dump). */
function chromium(dir: string, page: string, extra: readonly string[]) {
  return spawnSync(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`, '--force-device-scale-factor=1',
    '--window-size=1000,900', ...extra, pathToFileURL(page).href,
  ], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
}

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}
interface Label extends Box {
  readonly axis: string;
  readonly text: string;
}
interface Chart {
  readonly box: Box;
  readonly labels: readonly Label[];
  /** every visible text of the chart (titles, legends, labels) */
  readonly texts: readonly (Box & { readonly text: string })[];
  /** cells with a hover tooltip (an SVG <title> child) */
  readonly tooltips: number;
}

/** Tick labels of every chart, the selector and the axis each belongs to (vega's SVG classes). */
const LABELS = '.role-axis-label text';
const AXIS_OF = "(t) => { const a = t.closest('.role-axis'); return String([...a.parentNode.children].indexOf(a)); }";

/**
 * Appended to a copy of the report (the report itself has no script): measures, in the browser's
 * own layout, each chart's box and each visible tick label's box, into a <pre> the dump carries.
 */
const MEASURE = `<script>
(() => {
  const box = (r) => ({ x0: r.left, y0: r.top, x1: r.right, y1: r.bottom });
  const axisOf = ${AXIS_OF};
  const charts = [...document.querySelectorAll('body > svg, body > div > svg, figure svg')].map((svg) => ({
    box: box(svg.getBoundingClientRect()),
    labels: [...svg.querySelectorAll(${JSON.stringify(LABELS)})]
      .filter((t) => Number(getComputedStyle(t).opacity) > 0 && t.textContent.trim() !== '')
      .map((t) => ({ axis: axisOf(t), text: t.textContent, ...box(t.getBoundingClientRect()) })),
    texts: [...svg.querySelectorAll('text')]
      .filter((t) => Number(getComputedStyle(t).opacity) > 0 && t.textContent.trim() !== '')
      .map((t) => ({ text: t.textContent, ...box(t.getBoundingClientRect()) })),
    tooltips: svg.querySelectorAll('.role-mark.heatcells > path > title').length,
  }));
  const pre = document.createElement('pre');
  pre.id = 'liqcheck-measure';
  pre.textContent = JSON.stringify(charts);
  document.body.appendChild(pre);
})();
</script>`;

/** A tick label a person can read at a glance: a plain number of at most 4 significant digits. */
const SHORT_NUMBER = /^−?-?[0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)?%?$/;
const significant = (text: string) => text.replace(/[^0-9]/g, '').replace(/^0+/, '').replace(/0+$/, '').length;

describe('the sweep report in headless chromium', () => {
  it.skipIf(skipReason !== null)(`has legible axis labels on a 20 × 20 grid of unrounded values${skipReason ? ` (skipped: ${skipReason})` : ''}`, async () => {
    expect(present, `${CHROMIUM} is required in CI (.ci/run installs it)`).toBe(true);
    const report = syntheticReport(20, 20);
    const dir = mkdtempSync(join(tmpdir(), 'liqcheck-browser-'));
    const page = join(dir, 'measure.html');
    writeFileSync(page, (await sweepHtml(report)).replace('</body>', `${MEASURE}\n</body>`));
    const r = chromium(dir, page, ['--dump-dom']);
    const m = /<pre id="liqcheck-measure">([^<]*)<\/pre>/.exec(r.stdout);
    expect(m, `chromium exited ${r.status}: ${r.stderr.slice(-2000)}`).not.toBeNull();
    const charts = JSON.parse(m![1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as Chart[];
    expect(charts.length, 'the three maps are on the page').toBeGreaterThanOrEqual(3);
    const problems: string[] = [];
    charts.forEach((c, k) => {
      const axes = new Map<string, Label[]>();
      for (const l of c.labels) axes.set(l.axis, [...(axes.get(l.axis) ?? []), l]);
      if (axes.size < 2) problems.push(`chart ${k}: ${axes.size} labelled axes, expected 2`);
      if (c.tooltips !== report.cells.length) problems.push(`chart ${k}: ${c.tooltips} cells with a tooltip, expected ${report.cells.length}`);
      for (const t of c.texts) {
        if (t.x0 < c.box.x0 - 0.5 || t.x1 > c.box.x1 + 0.5 || t.y0 < c.box.y0 - 0.5 || t.y1 > c.box.y1 + 0.5) problems.push(`chart ${k}: text "${t.text}" is clipped by the chart`);
      }
      for (const [axis, labels] of axes) {
        if (labels.length < 3) problems.push(`chart ${k} axis ${axis}: ${labels.length} visible tick labels, expected at least 3`);
        for (const l of labels) {
          const inside = l.x0 >= c.box.x0 - 0.5 && l.x1 <= c.box.x1 + 0.5 && l.y0 >= c.box.y0 - 0.5 && l.y1 <= c.box.y1 + 0.5;
          if (!inside) problems.push(`chart ${k} axis ${axis}: label "${l.text}" [${l.x0.toFixed(1)}, ${l.x1.toFixed(1)}] × [${l.y0.toFixed(1)}, ${l.y1.toFixed(1)}] is clipped by the chart [${c.box.x0}, ${c.box.x1}] × [${c.box.y0}, ${c.box.y1}]`);
          if (!SHORT_NUMBER.test(l.text) || significant(l.text) > 4) problems.push(`chart ${k} axis ${axis}: label "${l.text}" is not a short rounded number`);
        }
        for (let a = 0; a < labels.length; a++) {
          for (let b = a + 1; b < labels.length; b++) {
            const [p, q] = [labels[a]!, labels[b]!];
            if (p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1) problems.push(`chart ${k} axis ${axis}: labels "${p.text}" and "${q.text}" overlap`);
          }
        }
      }
    });
    expect(problems.slice(0, 12), `${problems.length} legibility problem(s)`).toEqual([]);
  }, 90_000);

  it.skipIf(skipReason !== null)(`renders the safe-region heatmap${skipReason ? ` (skipped: ${skipReason})` : ''}`, async () => {
    expect(present, `${CHROMIUM} is required in CI (.ci/run installs it)`).toBe(true);
    const x = parseAxis('--x', 'maintenanceRate=0.01:0.03:3');
    const y = parseAxis('--y', 'penaltyRate=0:0.03:4');
    // A 3% move at up to 50× leaves bad debt: the map holds safe, bad-debt and PAR-broken cells.
    const report = await runSweep({ params: FLAT, paramsFile: 'flat', paramsText: '', x, y, scenarios: 40, seed: 3, shock: '0.03', steps: 1, maxBadDebt: '0.05', workers: 1 });
    const verdicts = new Set(report.cells.map((c) => c!.verdict));
    expect([...verdicts].sort()).toEqual(['bad-debt', 'safe', 'static']);
    const dir = mkdtempSync(join(tmpdir(), 'liqcheck-browser-'));
    const page = join(dir, 'sweep.html');
    writeFileSync(page, await sweepHtml(report));
    const png = join(dir, 'shot.png');
    const r = chromium(dir, page, [`--screenshot=${png}`]);
    expect(existsSync(png), `chromium exited ${r.status}: ${r.stderr.slice(-2000)}`).toBe(true);
    const img = decodePng(readFileSync(png));
    // The frame's bounding box is the grid (3 px border), found by its unique colour.
    let [x0, y0, x1, y1] = [img.width, img.height, -1, -1];
    for (let py = 0; py < img.height; py++) {
      for (let px = 0; px < img.width; px++) {
        if (!near(img, px, py, FRAME_COLOUR, 2)) continue;
        [x0, y0, x1, y1] = [Math.min(x0, px), Math.min(y0, py), Math.max(x1, px), Math.max(y1, py)];
      }
    }
    expect(x1, 'the heatmap frame is on the screenshot').toBeGreaterThan(x0);
    const cw = (x1 - x0 + 1 - 5) / x.values.length;
    const ch = (y1 - y0 + 1 - 5) / y.values.length;
    report.cells.forEach((c, k) => {
      const i = k % x.values.length;
      const j = Math.floor(k / x.values.length);
      const cx = Math.round(x0 + 3 + cw * i + cw / 2);
      const cy = Math.round(y0 + 3 + ch * (y.values.length - 1 - j) + ch / 2);
      expect(near(img, cx, cy, VERDICT_COLOURS[c!.verdict]), `cell ${c!.at.map((a) => `${a.name}=${a.value}`).join(' ')} (${c!.verdict}) at (${cx}, ${cy})`).toBe(true);
    });
  }, 90_000);
});
