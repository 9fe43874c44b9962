/**
 * Engines that fight the gate. An HTTP service that accepts connections and then stalls (never
 * writes, sends headers and no body, trickles the body forever) costs one deadline per request
 * until the adapter gives up on it, then nothing. A subprocess engine whose helpers leave its
 * process group (setsid, a double fork) leaves nothing running after `close()`, after a crash and
 * restart, or after the gate process exits.
 *
 * Only loopback servers started here; every wait is bounded.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isRunning } from '../src/adapters/descendants.ts';
import { EngineStartError, openEngine, type EngineHandle, type OpenOptions } from '../src/adapters/openEngine.ts';
import { answerCode, answerMessage } from '../src/adapters/protocol.ts';
import { CWD, mismatches, MIXED, Opened, ROOT, sample } from './adaptersSupport.ts';

const opened = new Opened();
afterEach(() => opened.closeAll());

const SCENARIOS = sample(MIXED, 4, 777);

async function open(impl: string, o: Partial<OpenOptions> = {}): Promise<EngineHandle> {
  return opened.track(await openEngine(impl, { timeoutMs: 2000, ...CWD, ...o }));
}

// -----------------------------------------------------------------------------------------------
// HTTP

type Stall = 'silent' | 'headers' | 'trickle';

const HELLO_OK = JSON.stringify({ type: 'hello_ok', name: 'hostile', version: '1.0.0', protocol: '1.0', policy: 'minimal-close', features: [] });

/**
 * A raw TCP server speaking just enough HTTP: it answers `hello` properly (or, `stallHello`, not at
 * all), and stalls every other request the way `stall` says.
 */
async function stallingServer(stall: Stall, stallHello = false): Promise<string> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    let seen = '';
    let decided = false;
    socket.on('data', (chunk: Buffer) => {
      if (decided) return;
      seen += chunk.toString('latin1');
      if (seen.includes('"type":"hello"') && !stallHello) {
        decided = true;
        socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${HELLO_OK.length}\r\nconnection: close\r\n\r\n${HELLO_OK}`);
        return;
      }
      if (!seen.includes('"type":"liquidate"') && !seen.includes('"type":"hello"')) return;
      decided = true;
      if (stall === 'silent') return;
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n');
      if (stall === 'trickle') {
        const t = setInterval(() => socket.write(' '), 20);
        timers.add(t);
        socket.on('close', () => clearInterval(t));
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  opened.onClose(
    () =>
      new Promise<void>((done) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  );
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/liquidate`;
}

describe('an HTTP engine that stalls', () => {
  it.each<[Stall, string]>([
    ['silent', 'accepts the connection and never writes'],
    ['headers', 'sends the status and headers, never the body'],
    ['trickle', 'trickles the body, one byte every 20 ms, forever'],
  ])('%s (%s): the handshake and each request time out at their deadlines; after maxRestarts + 1 the adapter gives up', async (stall) => {
    const start = performance.now();
    const e = await openEngine(await stallingServer(stall, true), { timeoutMs: 100, startTimeoutMs: 300 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EngineStartError);
    expect((e as Error).message).toMatch(/failed the handshake: no response within 300 ms/);
    expect(performance.now() - start).toBeLessThan(5000);

    const h = await open(await stallingServer(stall), { timeoutMs: 150, maxRestarts: 2 });
    for (const s of SCENARIOS.slice(0, 3)) {
      const t0 = performance.now();
      const a = await h.run(s);
      expect(performance.now() - t0).toBeLessThan(5000);
      expect(answerCode(a)).toBe('timeout');
      expect(answerMessage(a)).toMatch(/^no response within 150 ms; request \d+\ninput: \{"params"/);
    }
    expect(h.stats!().gaveUp).toMatch(/failed 3 times with a timeout or a connection failure \(limit 2\)/);
    const t0 = performance.now();
    const later = await h.runMany!(SCENARIOS);
    expect(performance.now() - t0).toBeLessThan(150);
    expect(later.map(answerCode)).toEqual(SCENARIOS.map(() => 'crash'));
    expect(answerMessage(later[0]!)).toMatch(/no longer sent requests/);
  }, 30_000);
});

// -----------------------------------------------------------------------------------------------
// Subprocess helpers that leave the engine's process group

interface Helper {
  readonly engine: number;
  readonly kind: string;
  readonly pid: number;
}

function pidsFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'liqcheck-setsid-')), 'pids');
}

function helpers(file: string): Helper[] {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const [engine, kind, pid] = l.split(' ');
      return { engine: Number(engine), kind: kind!, pid: Number(pid) };
    });
}

const SETSID = (args: string): string => `python3 examples/pathological/setsid_helper.py ${args}`;

/** Which of `pids` still run once they have had up to 3 s to die. */
async function survivors(hs: readonly Helper[]): Promise<Helper[]> {
  for (let i = 0; i < 100 && hs.some((h) => isRunning(h.pid)); i++) await new Promise((r) => setTimeout(r, 30));
  return hs.filter((h) => isRunning(h.pid));
}

describe('an engine whose helpers leave its process group', () => {
  it('leaves nothing running after close(), even a helper with a clean environment', async () => {
    const file = pidsFile();
    const h = await open(SETSID(`--pids ${file} --clean-env`));
    expect(mismatches([SCENARIOS[0]], [await h.run(SCENARIOS[0]!)]).count).toBe(0);
    const hs = helpers(file);
    expect(hs.map((x) => x.kind).sort()).toEqual(['double-fork', 'setsid']);
    expect(hs.every((x) => isRunning(x.pid))).toBe(true);
    await h.close();
    expect(await survivors(hs)).toEqual([]);
  }, 30_000);

  it('leaves nothing of a crashed engine running once it is restarted, nor of its successor after close()', async () => {
    const file = pidsFile();
    const h = await open(SETSID(`--pids ${file} --when after:2`), { maxRestarts: 5 });
    expect(answerCode(await h.run(SCENARIOS[0]!))).not.toBe('crash');
    expect(answerCode(await h.run(SCENARIOS[1]!))).toBe('crash');
    expect(answerCode(await h.run(SCENARIOS[2]!))).not.toBe('crash'); // the restarted engine answers
    expect(h.stats!().restarts).toBe(1);
    const all = helpers(file);
    const engines = [...new Set(all.map((x) => x.engine))];
    expect(engines).toHaveLength(2);
    const first = all.filter((x) => x.engine === engines[0]);
    expect(first).toHaveLength(2);
    expect(await survivors(first)).toEqual([]);
    await h.close();
    expect(await survivors(all)).toEqual([]);
  }, 30_000);

  it('leaves nothing running after `liqcheck check` exits', async () => {
    const file = pidsFile();
    const failures = mkdtempSync(join(tmpdir(), 'liqcheck-setsid-failures-'));
    const { code, output } = await new Promise<{ code: number | null; output: string }>((done) => {
      execFile('node', ['bin/liqcheck.mjs', 'check', '--impl', SETSID(`--pids ${file}`), '--runs', '5', '--failures', failures], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) =>
        done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, output: `${stdout}${stderr}` }),
      );
    });
    expect(code, output).toBe(0);
    const hs = helpers(file);
    expect(hs).toHaveLength(2);
    expect(await survivors(hs)).toEqual([]);
  }, 70_000);

  it('leaves nothing running after `liqcheck check` is stopped by SIGTERM mid-run', async () => {
    const file = pidsFile();
    const failures = mkdtempSync(join(tmpdir(), 'liqcheck-setsid-failures-'));
    const child = spawn('node', ['bin/liqcheck.mjs', 'check', '--impl', SETSID(`--pids ${file}`), '--runs', '1000000', '--failures', failures], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    // What the gate said, for the message of a failure (it names the stage it stopped in).
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-4000)));
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    // Up to 30 s for the gate, the engine and its helpers to start on a loaded machine.
    for (let i = 0; i < 600 && helpers(file).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    const hs = helpers(file);
    expect(hs).toHaveLength(2);
    child.kill('SIGTERM');
    // It stops after the cases in flight (≈ 3 s here idle). The wait is long because a clean-clone
    // CI run, with the other test worker saturating the second core, once took more than 20 s.
    const t0 = Date.now();
    const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 60_000))]);
    if (!stopped) child.kill('SIGKILL');
    expect(stopped, `not stopped ${Date.now() - t0} ms after SIGTERM; its stderr:\n${stderr}`).toBe(true);
    expect(await survivors(hs)).toEqual([]);
  }, 120_000);
});
