/** Statistics for the organisation (`statistik`): figures, a chart and a CSV, for those allowed. */
import { computeStats } from '../stats-view.ts';
import type { Feature } from './feature.ts';

export const statistics: Feature<'stats'> = {
  name: 'statistics',
  commands: {
    stats: (x) => computeStats(x.deps, x.actor, x.lang, x.org.name),
  },
  actions: {},
  forms: {},
};
