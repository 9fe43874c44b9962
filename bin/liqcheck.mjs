#!/usr/bin/env node
// The `liqcheck` binary. In a clone (src/ next to bin/) it runs the TypeScript sources through tsx, so
// no build step stands between `npm ci` and a run and a stale dist/ is never picked up; in the
// published package (no src/, only the built dist/) it runs the built JavaScript with no loader.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/main.ts', import.meta.url);
let entry = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = sources;
}
const { run } = await import(entry.href);
await run();
