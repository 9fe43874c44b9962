/**
 * Runs a documented `liqcheck …` command line in this process, split into words as `sh` splits it,
 * with the given working directory: the CLI's main, not a new `node bin/liqcheck.mjs` (about 2 s of
 * CPU per start through tsx). For the docs' commands, where what is tested is that the command as
 * written does what the docs say; the binary around main (exit status, stdout and stderr bytes,
 * signals) keeps its own spawning tests (properties/gateCli.test.ts, properties/gateSignals.test.ts,
 * the first README command in properties/docs.test.ts, properties/package.test.ts for dist/).
 */
import { runCli } from '../src/cli/__support__/runCli.ts';
import { shellWords } from './shellWords.ts';

/**
 * `line` (`npx liqcheck …`, `liqcheck …` or `node <bin/liqcheck.mjs> …`) through the CLI's main in
 * `cwd`: its exit code and what it printed.
 */
export async function pasteInProcess(line: string, cwd: string): Promise<{ code: number; out: string; err: string }> {
  const words = shellWords(line);
  const at = words[0] === 'npx' && words[1] === 'liqcheck' ? 2 : words[0] === 'liqcheck' ? 1 : words[0] === 'node' && /(^|\/)bin\/liqcheck\.mjs$/.test(words[1] ?? '') ? 2 : -1;
  if (at < 0) throw new Error(`not a liqcheck command: ${line}`);
  const before = process.cwd();
  // Tests of a file run one after another, so the directory is this run's until it returns.
  process.chdir(cwd);
  try {
    return await runCli(words.slice(at));
  } finally {
    process.chdir(before);
  }
}
