/** An in-process engine that ends its process, with exit code 0, on every input. */
export function liquidate() {
  process.exit(0);
}
