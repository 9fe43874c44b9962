/**
 * Hostile input files (issue 8 §3): duplicate keys, invalid UTF-8, reserved market ids,
 * `__proto__` keys, a FIFO, a character device, an oversized file, an unreadable directory. Each
 * is run through every command that reads such a file; each must exit 2 naming the file or the
 * field and the reason (never a stack trace, a hang or a silent misreading), and the same params
 * file must get the same exit code and message from every command.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/__support__/runCli.ts';
import { MAX_INPUT_BYTES } from '../src/io/readJsonFile.ts';

const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-hostile-'));
afterAll(() => {
  chmodSync(join(tmp, 'locked'), 0o755);
  rmSync(tmp, { recursive: true, force: true });
});
const DEFAULT = readFileSync('fixtures/params/default.json', 'utf8');
const write = (name: string, content: string | Buffer): string => {
  const file = join(tmp, name);
  writeFileSync(file, content);
  return file;
};

/** Bytes 0xff 0xfe inside a string value. */
function invalidUtf8(): Buffer {
  const b = Buffer.from(DEFAULT.replace('"strict"', '"XX"'));
  const i = b.indexOf('XX');
  b[i] = 0xff;
  b[i + 1] = 0xfe;
  return b;
}

function oversized(): string {
  const file = write('oversized.json', '{}');
  const fd = openSync(file, 'r+');
  ftruncateSync(fd, MAX_INPUT_BYTES + 1); // sparse: costs no disk
  closeSync(fd);
  return file;
}

const fifo = join(tmp, 'fifo.json');
spawnSync('mkfifo', [fifo]);

/** Each hostile params file, and what the message must say. */
const PARAMS: readonly (readonly [string, string, RegExp])[] = [
  ['duplicate keys', write('dup.json', DEFAULT.replace('"quoteScale": 6,', '"quoteScale": 6,\n  "quoteScale": 2,')), /params\.quoteScale: expected each key at most once in an object, received "quoteScale" twice, at line 2, column 3 and at line 3, column 3/],
  ['invalid UTF-8', write('utf8.json', invalidUtf8()), /params: expected UTF-8 text, received the invalid byte 0xff at byte offset \d+ \(line 3, column 15\)/],
  ['a __proto__ market', write('proto.json', DEFAULT.replace('"BTC-PERP":', '"__proto__":')), /params\.markets\.__proto__: expected no __proto__ or constructor\.prototype key/],
  ['a constructor market', write('constructor.json', DEFAULT.replace('"BTC-PERP":', '"constructor":')), /params\.markets\["constructor"\]: expected a market id that is not a property name of a plain JavaScript object/],
  ['a prototype market', write('prototype.json', DEFAULT.replace('"BTC-PERP":', '"prototype":')), /params\.markets\["prototype"\]: expected a market id that is not a property name/],
  ['a toString market', write('tostring.json', DEFAULT.replace('"ETH-PERP":', '"toString":')), /params\.markets\["toString"\]: expected a market id that is not a property name/],
  ['discontinuous tiers', write('disc.json', DEFAULT.replace('"maintenanceAmount": "50"', '"maintenanceAmount": "200"')), /params\.markets\["BTC-PERP"\]\.tiers\[1\]\.maintenanceAmount: expected maintenanceAmount = 50 \(continuous with tier 0\), received "200"/],
  ['a character device', '/dev/zero', /params: expected a regular file, received a character device/],
  ['a directory', tmp, /params: expected a regular file, received a directory/],
  ['a file over the size cap', oversized(), /params: expected a file of at most 16 MiB \(the input size limit\), received 16777217 bytes/],
];

/** Every command that reads a params file, as argv for FILE. */
const PARAMS_COMMANDS: readonly (readonly [string, (file: string) => string[]])[] = [
  ['params check', (f) => ['params', 'check', f]],
  ['check --params', (f) => ['check', '--params', f, '--runs', '1', '--failures', '']],
  ['fuzz --params', (f) => ['fuzz', '--params', f, '--runs', '10', '--failures', '']],
  ['sweep --params', (f) => ['sweep', '--params', f, '--x', 'maintenanceRate=0.002:0.02:2', '--scenarios', '10', '--out', join(tmp, 'sweep-out')]],
  ['fixtures generate --params', (f) => ['fixtures', 'generate', '--params', f, '--count', '1', '--out', join(tmp, 'gen-out')]],
];

/** The message without the option that named the file, which differs by command. */
const body = (err: string) => err.replace('--params ', '');

describe('one verdict for a hostile params file, in every command', () => {
  it.each(PARAMS)('%s: exit 2 with the field path and the reason, the same in every command', async (_, file, message) => {
    const runs = [];
    for (const [name, argv] of PARAMS_COMMANDS) runs.push({ name, ...(await runCli(argv(file))) });
    for (const r of runs) {
      expect({ command: r.name, code: r.code }).toEqual({ command: r.name, code: 2 });
      expect(r.err, r.name).toMatch(message);
      expect(r.err, r.name).toContain(file);
      expect(r.err, r.name).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(new Set(runs.map((r) => body(r.err))).size, 'the same message from every command').toBe(1);
  });

  it('params check exits 1 only for a rule the model does not enforce (PAR-002), and so does nothing else', async () => {
    // penalty 0.007 ≥ maintenance 0.004 + buffer 0.002: the model accepts the file, PAR-002 judges it.
    const file = write('par002.json', DEFAULT.replace('"rate": "0.002"', '"rate": "0.007"').replace('"rate": "0.003"', '"rate": "0.008"').replace('"rate": "0.004"', '"rate": "0.009"'));
    const r = await runCli(['params', 'check', file]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ PAR-002/);
  });
});

/** A minimal report-shaped file is not needed: every hostile file is refused before its content is judged. */
const REPORTS: readonly (readonly [string, string, RegExp])[] = [
  ['duplicate keys', write('report-dup.json', '{"seed": 1, "seed": 2}'), /\$\.seed: expected each key at most once in an object/],
  ['invalid UTF-8', write('report-utf8.json', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])), /\$: expected UTF-8 text, received the invalid byte 0xff at byte offset 2 \(line 1, column 3\)/],
  ['a __proto__ key', write('report-proto.json', '{"shard": {"__proto__": {"count": 1}}}'), /\$\.shard\.__proto__: expected no __proto__ or constructor\.prototype key/],
  ['a constructor.prototype key', write('report-ctor.json', '{"a": {"constructor": {"prototype": {}}}}'), /\$\.a\.constructor\.prototype: expected no __proto__ or constructor\.prototype key/],
  ['a character device', '/dev/zero', /\$: expected a regular file, received a character device/],
  ['a file over the size cap', join(tmp, 'oversized.json'), /expected a file of at most 16 MiB/],
];

const REPORT_COMMANDS: readonly (readonly [string, (file: string) => string[]])[] = [
  ['merge', (f) => ['merge', f]],
  ['fuzz merge', (f) => ['fuzz', 'merge', f]],
  ['sweep --compare', (f) => ['sweep', '--compare', f, f]],
  ['replay', (f) => ['replay', f]],
];

describe('hostile report and fixture files', () => {
  it.each(REPORTS)('%s: exit 2 naming the file and the reason in merge, fuzz merge, sweep --compare and replay', async (_, file, message) => {
    for (const [name, argv] of REPORT_COMMANDS) {
      const r = await runCli(argv(file));
      expect({ command: name, code: r.code }).toEqual({ command: name, code: 2 });
      expect(r.err, name).toMatch(message);
      expect(r.err, name).toContain(file);
    }
  });

  it('a report that is valid JSON but not an object (null, a number, an array) exits 2 in every report reader', async () => {
    for (const [i, text] of ['null', '42', '[]'].entries()) {
      const file = join(tmp, `not-an-object-${i}.json`);
      writeFileSync(file, text);
      for (const [name, argv] of REPORT_COMMANDS) {
        const r = await runCli(argv(file));
        expect({ command: name, text, code: r.code }).toEqual({ command: name, text, code: name === 'replay' ? 1 : 2 });
        expect(r.err + r.out, name).toContain(file);
        expect(r.err, name).not.toMatch(/\n\s+at /);
      }
    }
  });

  it('fixtures verify names each hostile file of a suite and exits 1; the failure database warns and skips them', async () => {
    const suite = join(tmp, 'suite');
    mkdirSync(suite);
    const good = readdirSync('fixtures/cases').find((n) => n !== 'manifest.json' && n.endsWith('.json'))!;
    copyFileSync(join('fixtures/cases', good), join(suite, good));
    const text = readFileSync(join(suite, good), 'utf8');
    writeFileSync(join(suite, 'dup.json'), text.replace('{\n', '{\n  "comment": "x",\n'));
    writeFileSync(join(suite, 'proto.json'), text.replace('{\n', '{\n  "__proto__": {},\n'));
    writeFileSync(join(suite, 'utf8.json'), invalidUtf8());
    spawnSync('mkfifo', [join(suite, 'fifo.json')]);
    const v = await runCli(['fixtures', 'verify', suite]);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(/✗ \S+dup\.json at \$\.comment: expected each key at most once/);
    expect(v.out).toMatch(/✗ \S+proto\.json at \$\.__proto__: expected no __proto__/);
    expect(v.out).toMatch(/✗ \S+utf8\.json at \$: expected UTF-8 text/);
    expect(v.out).toMatch(/✗ \S+fifo\.json at \$: expected a regular file, received a FIFO \(named pipe\)/);
    expect(v.out).toContain('4 file(s) failed');

    const c = await runCli(['check', '--runs', '1', '--seed', '1', '--failures', suite]);
    expect(c.code).toBe(0);
    for (const name of ['dup.json', 'proto.json', 'utf8.json', 'fifo.json']) expect(c.out + c.err).toContain(join(suite, name));
  });
});

/**
 * The FIFO and the unreadable directory run in a child process with a deadline: before the fix,
 * reading a FIFO blocks the thread in a system call that no in-process timeout can interrupt.
 */
function runBounded(argvs: readonly (readonly string[])[], asUser?: number): { code: number; err: string }[] {
  const script = `import { runCli } from './src/cli/__support__/runCli.ts';
const out = [];
for (const argv of ${JSON.stringify(argvs)}) { const r = await runCli(argv); out.push({ code: r.code, err: r.err }); }
process.stdout.write(JSON.stringify(out));`;
  const node = [process.execPath, '--import', 'tsx', '--input-type=module', '-e', script];
  const cmd = asUser === undefined ? node : ['setpriv', `--reuid=${asUser}`, `--regid=${asUser}`, '--clear-groups', ...node];
  const r = spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL', env: { ...process.env, CI: 'true' } });
  expect(r.signal, `the child was killed at its deadline (a hang); stderr: ${r.stderr}`).toBeNull();
  return JSON.parse(r.stdout) as { code: number; err: string }[];
}

describe('a FIFO given as the file never hangs', () => {
  it('is refused (exit 2, "a FIFO") by every command, within a deadline', () => {
    const argvs = [...PARAMS_COMMANDS.map(([, argv]) => argv(fifo)), ...REPORT_COMMANDS.map(([, argv]) => argv(fifo))];
    const results = runBounded(argvs);
    expect(results).toHaveLength(argvs.length);
    for (const [i, r] of results.entries()) {
      expect({ argv: argvs[i], code: r.code }).toEqual({ argv: argvs[i], code: 2 });
      expect(r.err).toMatch(/expected a regular file, received a FIFO \(named pipe\)/);
    }
  });
});

describe('an unreadable fixtures directory', () => {
  it('fixtures verify exits 2 naming it (no stack trace); check refuses a failure database it cannot write before it runs', () => {
    const locked = join(tmp, 'locked');
    mkdirSync(locked);
    chmodSync(tmp, 0o755);
    chmodSync(locked, 0o000);
    // root reads any directory: run as nobody then.
    const results = runBounded([['fixtures', 'verify', locked], ['check', '--runs', '1', '--seed', '1', '--failures', locked]], process.getuid?.() === 0 ? 65534 : undefined);
    expect(results[0]!.code).toBe(2);
    expect(results[0]!.err).toContain(`${locked}: $: expected a readable directory, received an error (EACCES: permission denied)`);
    expect(results[0]!.err).not.toMatch(/\n\s+at /);
    // A counterexample that cannot be saved would be lost: found before the run, exit 2.
    expect(results[1]!.code).toBe(2);
    expect(results[1]!.err).toContain(`--failures ${locked}: cannot be written: cannot create a file in ${locked} (permission denied, EACCES)`);
  });
});
