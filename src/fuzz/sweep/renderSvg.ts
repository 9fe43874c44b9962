/**
 * A Vega spec rendered to a self-contained SVG string with vega's headless renderer (no canvas,
 * no DOM, no network): the report embeds it inline, so it opens offline with no script.
 * @see docs/params.md#outputs
 */
import type { Spec } from 'vega';

/**
 * vega is loaded on first use: ≈ 0.3 s of import time that only commands which draw should pay
 * (the CLI imports this module for every command through the sweep barrel).
 */
let vega: Promise<typeof import('vega')> | null = null;

/**
 * vega's SVG output carries a mark's `description` as its `aria-label` but has no `<title>`
 * (its tooltips are an interactive handler). Browsers show a `<title>` child on hover, so each
 * path of the mark named `mark` gets one instead, with the same text (already escaped by vega).
 */
export function titlesFromLabels(svg: string, mark: string): string {
  const group = new RegExp(`(<g class="mark-rect role-mark ${mark}"[^>]*>)(.*?)(</g>)`, 's');
  return svg.replace(group, (_, open: string, paths: string, close: string) =>
    open + paths.replace(/<path ([^>]*?)aria-label="([^"]*)"([^>]*?)\/>/g, (_m, before: string, label: string, after: string) => `<path ${[before.trim(), after.trim()].filter((a) => a !== '').join(' ')}><title>${label}</title></path>`) + close,
  );
}

/** The spec as SVG markup, with `<title>` tooltips on the paths of the marks named in `tooltipMarks`. */
export async function renderSvg(spec: Spec, tooltipMarks: readonly string[] = []): Promise<string> {
  vega ??= import('vega');
  const { parse, View } = await vega;
  const view = new View(parse(spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // The xlink namespace is only for images and links, which these charts never have: dropped
    // so that the page names no URL but the SVG namespace itself.
    const plain = svg.includes('xlink:') ? svg : svg.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', '');
    return tooltipMarks.reduce(titlesFromLabels, plain);
  } finally {
    view.finalize();
  }
}
