/**
 * An in-process engine that misbehaves on marked inputs (by insuranceFund): "1.111" throws,
 * "2.222" returns a malformed outcome, "3.333" never settles, "4.444" rejects, "5.555" mutates its
 * input then answers (synchronously). Any other input: an invalid-input outcome, as a promise.
 */
export function liquidate(s) {
  switch (s.insuranceFund) {
    case '1.111':
      throw new Error('boom on 1.111');
    case '2.222':
      return Promise.resolve({ status: 'healthy' });
    case '3.333':
      return new Promise(() => {});
    case '4.444':
      return Promise.reject(new TypeError('rejected on 4.444'));
    case '5.555':
      s.account.positions.length = 0;
      s.insuranceFund = 'mutated';
      return { ok: false, error: { code: 'limit-exceeded', message: 'after mutating' } };
    default:
      return Promise.resolve({ ok: false, error: { code: 'invalid-input', issues: [{ path: 'insuranceFund', expected: 'a marker', received: JSON.stringify(s.insuranceFund) }] } });
  }
}
