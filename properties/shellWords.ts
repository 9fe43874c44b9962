/**
 * The words `sh` makes of `line`, for the plain lines the docs show: blanks separate words, and
 * '…' and "…" quote. Anything that would need a real shell (expansions, pipes, redirections,
 * globs, escapes, comments) is refused with an error, so a doc line is never split differently
 * from how a user's shell splits it.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unterminated ${c} in: ${line}`);
      const quoted = line.slice(i + 1, end);
      if (c === '"' && /[$`\\]/.test(quoted)) throw new Error(`a "…" word that needs a shell's expansion, in: ${line}`);
      word = (word ?? '') + quoted;
      i = end;
    } else if (/[$`\\|&;<>()*?[\]{}~#!\n]/.test(c)) {
      throw new Error(`${JSON.stringify(c)} needs a real shell, in: ${line}`);
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}
