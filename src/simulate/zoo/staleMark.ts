import type { WrongSimulator } from './wrongSimulator.ts';

export const staleMark: WrongSimulator = {
  name: 'stale-mark',
  breaks: 'SYS-005',
  description: 'A flagged account is liquidated at the mark at which it was flagged, not at its round\'s mark: after a rebound it is liquidated although healthy.',
  options: () => ({ rules: { liquidationMark: (_roundMark, markWhenFlagged) => markWhenFlagged } }),
};
