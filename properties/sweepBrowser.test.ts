/**
 * The sweep's HTML report in a real headless browser (Debian's chromium): the page is rendered
 * offline, screenshotted, the PNG decoded here, and every cell of the safe-region map is sampled
 * at its centre and must have the colour of its verdict.
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
import { FLAT } from './sweepSupport.ts';

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

describe('the sweep report in headless chromium', () => {
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
    writeFileSync(page, sweepHtml(report));
    const png = join(dir, 'shot.png');
    const r = spawnSync(CHROMIUM, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`, '--force-device-scale-factor=1',
      `--screenshot=${png}`, '--window-size=1000,900', pathToFileURL(page).href,
    ], { encoding: 'utf8', timeout: 60_000 });
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
