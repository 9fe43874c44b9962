import { describe, expect, it } from 'vitest';
import { splitCommand } from './splitCommand.ts';

describe('splitCommand', () => {
  it.each([
    ['python3 engine.py', ['python3', 'engine.py']],
    ['  node   a.mjs\t--bug  x ', ['node', 'a.mjs', '--bug', 'x']],
    [`sh -c 'echo "$HOME" && exit 1'`, ['sh', '-c', 'echo "$HOME" && exit 1']],
    ['cmd "a b" "c\\"d" "e\\\\f" "g\\n"', ['cmd', 'a b', 'c"d', 'e\\f', 'g\\n']],
    ['cmd a\\ b c\\\'d', ['cmd', 'a b', "c'd"]],
    [`cmd '' ""`, ['cmd', '', '']],
    [`cmd pre'fix'"suf"`, ['cmd', 'prefixsuf']],
  ])('should split %s', (command, argv) => {
    expect(splitCommand(command)).toEqual(argv);
  });

  it.each([`cmd 'open`, 'cmd "open', 'cmd trailing\\', '', '   '])('should refuse %j', (command) => {
    expect(() => splitCommand(command)).toThrow();
  });
});
