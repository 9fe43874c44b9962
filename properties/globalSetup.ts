/** Announces the run profile once per test run, so anyone can replay it. */
export function setup(): void {
  const deep = process.env['LIQCHECK_PROFILE'] === 'deep';
  const runs = process.env['LIQCHECK_RUNS'] ?? (deep ? '10000' : '200');
  console.log(`liqcheck properties: LIQCHECK_SEED=${process.env['LIQCHECK_SEED']}, ${runs} runs per property${deep ? ' (deep profile)' : ''}`);
}
