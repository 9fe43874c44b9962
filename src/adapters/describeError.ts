/** An exception for a failure message: its stack's first lines (the engine's frames, not the gate's). */
export function describeError(e: unknown): string {
  try {
    if (!(e instanceof Error)) return String(e);
    return (e.stack ?? `${e.name}: ${e.message}`).split('\n').slice(0, 6).join('\n');
  } catch {
    // A hostile value whose toString or stack getter throws.
    return 'an exception that cannot be shown';
  }
}
