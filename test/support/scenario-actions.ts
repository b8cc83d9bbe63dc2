import { parseScenario, type Action } from '../../shared/formats/scenario.js';

/** One scenario action, written as a step's YAML (`stop: api-1`), parsed as a scenario file's would be. */
export function scenarioAction(yaml: string): Action {
  const step = parseScenario(`name: x\nsteps:\n  - { at: 0, ${yaml} }\n`, 's').steps[0];
  if (step === undefined) throw new Error('no step');
  return step.action;
}

/** An emitted EventBridge event's detail-type. */
export const detailTypeOf = (event: unknown) => (event as { 'detail-type': string })['detail-type'];

/** An emitted EventBridge event's detail. */
export const detailOf = (event: unknown) => (event as { detail: Record<string, unknown> }).detail;
