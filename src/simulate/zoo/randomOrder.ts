import type { WrongSimulator } from './wrongSimulator.ts';

/** A Fisher–Yates shuffle on Math.random: the unseeded randomness SYS-008 forbids. */
function shuffled(ids: readonly string[]): readonly string[] {
  const out = [...ids];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export const randomOrder: WrongSimulator = {
  name: 'random-order',
  breaks: 'SYS-008',
  description: 'The flagged accounts are offered to the keepers in a Math.random order ("fairness"): the same seed no longer gives the same run.',
  options: () => ({ rules: { order: shuffled } }),
};
