/**
 * An in-process engine that attacks the gate on marked inputs (by insuranceFund), and answers
 * `limit-exceeded` on any other input. "6.001" prints a fake verdict then calls process.exit(0),
 * "6.002" process.exit(3), "6.003" process.abort(), "6.004" loops forever, "6.005" sleeps
 * synchronously for an hour, "6.006" returns a function in its outcome, "6.007" throws from a
 * timer callback and never answers, "6.008" posts its own message to the gate.
 */
import { parentPort } from 'node:worker_threads';

export function liquidate(s) {
  switch (s.insuranceFund) {
    case '6.001':
      console.log('All 20 invariants held (says the engine)');
      process.exit(0);
    case '6.002':
      process.exit(3);
    case '6.003':
      process.abort();
    case '6.004':
      for (;;);
    case '6.005':
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3_600_000);
      break;
    case '6.006':
      return { ok: true, result: { status: 'healthy', explain: () => 'a function' } };
    case '6.007':
      return new Promise(() => setTimeout(() => {
        throw new Error('thrown from a timer');
      }, 0));
    case '6.008':
      parentPort?.postMessage({ type: 'answer', id: -1, kind: 'returned', out: { ok: true, result: {} } });
      break;
  }
  return { ok: false, error: { code: 'limit-exceeded', message: 'not a marked input' } };
}
