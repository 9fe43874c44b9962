#!/usr/bin/env node
/**
 * The JavaScript example engine, usable three ways (docs/protocol.md):
 *
 * - over stdin/stdout (protocol 1.1, JSON Lines, with params-ref: params sets sent once per
 *   session): `node examples/js/engine.mjs [--bug NAME]`;
 * - in-process: `liqcheck check --impl ./examples/js/engine.mjs` imports `liquidate` and the
 *   handshake exports below (a bug is chosen with the LIQENGINE_BUG environment variable);
 * - over HTTP: see httpEngine.mjs, which serves the same `liquidate`.
 *
 * The model (model.mjs, fixed.mjs) is an independent port of docs/spec.md on BigInt fixed point;
 * nothing here imports liqcheck.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUGS, liquidate as liquidateWith } from './model.mjs';

export const PROTOCOL = '1.1';
/** A protocol feature (1.1), not a scenario feature: announced only on a stateful transport. */
export const PARAMS_REF = 'params-ref';
export const FEATURES = ['cross', 'cross-multi', 'isolated', 'multi-group', 'tiers', 'price-impact', 'dust', 'penalty-steps', 'inclusive-trigger'];

/** Bug names from `--bug NAME` (repeatable, comma-separated) and `LIQENGINE_BUG`; throws on unknown names. */
export function parseBugs(argv = [], env = process.env.LIQENGINE_BUG ?? '') {
  const names = env.split(',').filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--bug' && i + 1 < argv.length) names.push(...argv[++i].split(',').filter(Boolean));
    else if (a.startsWith('--bug=')) names.push(...a.slice('--bug='.length).split(',').filter(Boolean));
    else throw new Error(`unknown argument ${JSON.stringify(a)} (usage: engine.mjs [--bug NAME])`);
  }
  const unknown = names.filter((n) => !Object.hasOwn(BUGS, n));
  if (unknown.length > 0) throw new Error(`unknown bug ${unknown.join(', ')}; known: ${Object.keys(BUGS).join(', ')}`);
  return new Set(names);
}

const moduleBugs = parseBugs([], process.env.LIQENGINE_BUG ?? '');

// Handshake information for the in-process adapter (the same as hello_ok over the wire).
export const name = `liqcheck-js-example${moduleBugs.size > 0 ? `+${[...moduleBugs].sort().join('+')}` : ''}`;
export const version = '1.0.0';
export const policy = 'minimal-close';
export const features = FEATURES;

/** The engine function for the in-process adapter: scenario in, outcome out. */
export function liquidate(scenario) {
  return liquidateWith(scenario, moduleBugs);
}

/** The version to answer a gate speaking `gateVersion`: ours or the gate's older minor; null for another major. */
export function spokenVersion(gateVersion) {
  const [major, minor] = gateVersion.split('.');
  const [ourMajor, ourMinor] = PROTOCOL.split('.');
  if (major !== ourMajor) return null;
  return /^\d+$/.test(minor ?? '') && Number(minor) < Number(ourMinor) ? `${major}.${Number(minor)}` : PROTOCOL;
}

const badRequest = (id, message) => ({ type: 'error', id, error: { code: 'bad-request', message } });

/**
 * The reply to one gate message, or null when nothing is owed.
 *
 * @param {Map<number, unknown> | undefined} session - this connection's params sets by paramsId
 * (docs/protocol.md#params-sets); undefined for a stateless transport (HTTP), which then does not
 * announce params-ref
 */
export function answer(message, bugs, engineName = name, session = undefined) {
  const type = message !== null && typeof message === 'object' ? message.type : undefined;
  if (type === 'hello') {
    const v = String(message.protocol ?? '');
    const spoken = spokenVersion(v);
    if (spoken === null) {
      return { type: 'error', id: null, error: { code: 'unsupported-protocol', message: `this engine speaks ${PROTOCOL}, not ${v}` } };
    }
    const features = session !== undefined && spoken !== '1.0' ? [...FEATURES, PARAMS_REF] : FEATURES;
    return { type: 'hello_ok', name: engineName, version, protocol: spoken, policy, features, spec: '1.0.0' };
  }
  if (type === 'params' && session !== undefined) {
    const { paramsId } = message;
    if (!(Number.isSafeInteger(paramsId) && paramsId > 0)) return badRequest(null, `params: paramsId must be a positive integer, received ${JSON.stringify(paramsId)}`);
    session.set(paramsId, message.params); // replaces an older set of that id; not answered
    return null;
  }
  if (type === 'liquidate') {
    const { id } = message;
    let scenario = message.scenario;
    if (Object.hasOwn(message, 'paramsRef')) {
      const ref = message.paramsRef;
      if (session === undefined || !session.has(ref)) return badRequest(id, `unknown paramsRef ${JSON.stringify(ref)}: no params message defined it in this session`);
      if (scenario !== null && typeof scenario === 'object' && !Array.isArray(scenario)) {
        if (Object.hasOwn(scenario, 'params')) return badRequest(id, 'a request with paramsRef must not carry params');
        scenario = { params: session.get(ref), ...scenario };
      }
    }
    try {
      const o = liquidateWith(scenario, bugs);
      return o.ok ? { type: 'result', id, result: o.result } : { type: 'error', id, error: o.error };
    } catch (e) {
      process.stderr.write(`engine.mjs: request ${id}: ${e instanceof Error ? e.stack : String(e)}\n`);
      return { type: 'error', id, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
    }
  }
  return { type: 'error', id: null, error: { code: 'bad-request', message: `unknown message type ${JSON.stringify(type)}` } };
}

/**
 * A dispatcher's command line: each of `values` takes the next argument (the last one given wins),
 * `--bug` takes comma-separated bug names (repeatable), each of `flags` takes none. Throws on an
 * unknown argument or a missing value, naming `usage`.
 *
 * @returns {{ values: Map<string, string>, bugs: Set<string>, flags: Set<string> }}
 */
export function readArgs(argv, { values = [], flags = [] }, usage) {
  const out = { values: new Map(), bugs: new Set(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if ((values.includes(a) || a === '--bug') && i + 1 >= argv.length) throw new Error(`${a} needs a value (${usage})`);
    if (values.includes(a)) out.values.set(a, argv[++i]);
    else if (a === '--bug') for (const b of argv[++i].split(',').filter(Boolean)) out.bugs.add(b);
    else if (flags.includes(a)) out.flags.add(a);
    else throw new Error(`unknown argument ${JSON.stringify(a)} (${usage})`);
  }
  return out;
}

/**
 * The reply to one gate message for an engine that declares `declared.policy` (a profile name or a
 * wire policy) in its handshake and answers a scenario (params resolved) with
 * `declared.liquidate(scenario)` → `{ ok: true, result } | { ok: false, error }`; null when nothing
 * is owed. `declared.who` names the engine in its log lines.
 *
 * @param {{ name: string, policy: unknown, liquidate: (scenario: unknown) => any, who: string }} declared
 * @param {Map<number, unknown>} session - this connection's params sets by paramsId
 */
export function answerDeclaring(message, declared, session) {
  const type = message !== null && typeof message === 'object' ? message.type : undefined;
  if (type === 'hello') {
    const spoken = spokenVersion(String(message.protocol ?? ''));
    if (spoken === null) return { type: 'error', id: null, error: { code: 'unsupported-protocol', message: 'this engine speaks 1.1' } };
    const features = spoken !== '1.0' ? [...FEATURES, PARAMS_REF] : FEATURES;
    return { type: 'hello_ok', name: declared.name, version: '1.0.0', protocol: spoken, policy: declared.policy, features, spec: '1.0.0' };
  }
  if (type === 'params') {
    const { paramsId } = message;
    if (!(Number.isSafeInteger(paramsId) && paramsId > 0)) return badRequest(null, `params: paramsId must be a positive integer, received ${JSON.stringify(paramsId)}`);
    session.set(paramsId, message.params);
    return null;
  }
  if (type === 'liquidate') {
    const { id } = message;
    let scenario = message.scenario;
    if (Object.hasOwn(message, 'paramsRef')) {
      if (!session.has(message.paramsRef)) return badRequest(id, `unknown paramsRef ${JSON.stringify(message.paramsRef)}`);
      if (scenario !== null && typeof scenario === 'object' && !Array.isArray(scenario)) {
        if (Object.hasOwn(scenario, 'params')) return badRequest(id, 'a request with paramsRef must not carry params');
        scenario = { params: session.get(message.paramsRef), ...scenario };
      }
    }
    try {
      const o = declared.liquidate(scenario);
      return o.ok ? { type: 'result', id, result: o.result } : { type: 'error', id, error: o.error };
    } catch (e) {
      process.stderr.write(`${declared.who}: request ${id}: ${e instanceof Error ? e.stack : String(e)}\n`);
      return { type: 'error', id, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
    }
  }
  return { type: 'error', id: null, error: { code: 'bad-request', message: `unknown message type ${JSON.stringify(type)}` } };
}

/**
 * Serves JSON Lines on stdin/stdout until stdin ends: `reply(message)` answers each message (null:
 * no reply). Replies to all the complete lines of one input chunk are written together, so a
 * pipelining gate is not throttled by one write per reply.
 */
export function serveLines(reply) {
  let buffered = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    let out = '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      let message;
      try {
        message = JSON.parse(line);
      } catch (e) {
        out += `${JSON.stringify({ type: 'error', id: null, error: { code: 'bad-request', message: `not JSON: ${e.message}` } })}\n`;
        continue;
      }
      const r = reply(message);
      if (r !== null) out += `${JSON.stringify(r)}\n`;
    }
    if (out !== '') process.stdout.write(out);
  });
}

/** Serves the engine with `bugs` on stdin/stdout; the params sets live as long as the process. */
export function serve(bugs, engineName = name) {
  const session = new Map();
  serveLines((message) => answer(message, bugs, engineName, session));
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  let bugs;
  try {
    bugs = parseBugs(process.argv.slice(2), process.env.LIQENGINE_BUG ?? '');
  } catch (e) {
    process.stderr.write(`engine.mjs: ${e.message}\n`);
    process.exit(2);
  }
  if (bugs.size > 0) process.stderr.write(`engine.mjs: running with bug(s) ${[...bugs].join(', ')}\n`);
  serve(bugs, `liqcheck-js-example${bugs.size > 0 ? `+${[...bugs].sort().join('+')}` : ''}`);
}
