/** An in-process engine that never returns: a synchronous infinite loop on every input. */
export function liquidate() {
  for (;;);
}
