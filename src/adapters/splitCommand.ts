/**
 * Splits an `--impl "cmd args"` string into argv without a shell, with the quoting people expect:
 * words separated by blanks; `'…'` literal; `"…"` with `\"`, `\\`, `\$` and `` \` `` escapes;
 * a backslash outside quotes escapes the next character. No variables, globs or redirections.
 *
 * @throws Error on an unterminated quote, a trailing backslash or an empty command.
 */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const n = command.length;
  while (i < n) {
    const c = command[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' quote (character ${i + 1})`);
      word += command.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new Error('unterminated " quote');
        const d = command[i]!;
        if (d === '"') break;
        if (d === '\\' && i + 1 < n && '"\\$`'.includes(command[i + 1]!)) {
          word += command[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      inWord = true;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= n) throw new Error('trailing backslash');
      word += command[i + 1];
      inWord = true;
      i += 2;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  if (words.length === 0) throw new Error('empty command');
  return words;
}
