import { table } from './table.js';
import type { SimulationResult } from '../../shared/sim/frames.js';
import {
  EXCLUSION_HEADERS,
  exclusionHeading,
  exclusionRows,
  exclusionTotals,
} from '../../shared/sim/exclusion-lines.js';

/** Each application failure's time to exclusion with and without health checks; '' when no service has them. */
export function healthCheckText(result: SimulationResult): string {
  const c = result.healthChecks;
  if (c === undefined) return '';
  return [
    exclusionHeading(c),
    table(EXCLUSION_HEADERS, exclusionRows(c)),
    exclusionTotals(c, result.badAnswers.answerSeconds),
  ].join('\n');
}
