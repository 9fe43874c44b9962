#!/usr/bin/env node
/**
 * The JavaScript example engine, recording every line the gate sends it, for the params-ref tests
 * (paramsRef.test.ts). Each line is appended to the file named by `--log` as it is read, so the
 * file holds every session in order (a session starts with its `hello`).
 *
 *     node paramsRecorder.mjs --log FILE [--protocol 1.0|1.1] [--features core|params-ref]
 *                             [--crash-fund X] [--forget]
 *
 * --protocol   the version it answers (default: the gate's, as the example engine does)
 * --features   `core`: does not announce params-ref; `params-ref`: announces it whatever the version
 * --crash-fund exits with code 1 on a request whose insuranceFund is X (a marker set by a test)
 * --forget     never stores a params set: every paramsRef request gets the unknown-id answer
 */
import { appendFileSync } from 'node:fs';
import { answer, FEATURES, PARAMS_REF } from '../../../examples/js/engine.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const log = opt('--log');
const protocol = opt('--protocol');
const features = opt('--features');
const crashFund = opt('--crash-fund');
const forget = args.includes('--forget');

class Forgetful extends Map {
  set() {
    return this;
  }
}
const session = forget ? new Forgetful() : new Map();

function reply(message) {
  if (message?.type === 'liquidate' && crashFund !== undefined && message.scenario?.insuranceFund === crashFund) {
    process.stderr.write(`paramsRecorder: request ${message.id} carries the crash marker\n`);
    process.exit(1);
  }
  const r = answer(message, new Set(), 'params-recorder', session);
  if (r?.type !== 'hello_ok') return r;
  const f = features === 'core' ? FEATURES : features === 'params-ref' ? [...FEATURES, PARAMS_REF] : r.features;
  return { ...r, protocol: protocol ?? r.protocol, features: f };
}

let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  const lines = buffered.split('\n');
  buffered = lines.pop() ?? '';
  // One line at a time, so that a crash leaves the earlier replies written.
  for (const line of lines) {
    if (line === '') continue;
    if (log !== undefined) appendFileSync(log, `${line}\n`);
    const r = reply(JSON.parse(line));
    if (r !== null) process.stdout.write(`${JSON.stringify(r)}\n`);
  }
});
