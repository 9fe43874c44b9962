/**
 * Generated Markdown tables kept between markers in a hand-written document (the README's
 * catalog, docs/fixtures.md's flags): one way to escape cells and one way to splice.
 */

/** A table cell: pipes escaped, newlines folded. */
export function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Replaces what stands between `begin` and `end` in `markdown` with `content`. */
export function spliceBetween(markdown: string, begin: string, end: string, content: string): string {
  const a = markdown.indexOf(begin);
  const b = markdown.indexOf(end);
  if (a < 0 || b < a) throw new Error(`the document has no ${begin} … ${end} markers`);
  return `${markdown.slice(0, a + begin.length)}\n${content}${markdown.slice(b)}`;
}
