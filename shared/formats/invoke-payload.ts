import * as v from 'valibot';
import { problemsFrom, strictMapping } from './validation.js';
import type { PlanScope } from '../domain/scope.js';
import type { RebalancerSpec } from '../domain/spec.js';
import { InputError } from '../domain/errors.js';

/** The manual invoke: `{"service": "api", "region": "us-east-2", "dryRun": true}`, every key optional. */
export interface InvokeRequest {
  readonly scope: PlanScope;
  readonly dryRun: boolean;
  readonly force: boolean;
}

const payloadSchema = strictMapping({
  service: v.optional(
    v.pipe(v.string('expected a service name'), v.minLength(1, 'expected a service name')),
  ),
  region: v.optional(v.pipe(v.string('expected a region'), v.minLength(1, 'expected a region'))),
  dryRun: v.optional(v.boolean('expected true or false')),
  force: v.optional(v.boolean('expected true or false')),
});

/** `value[key]` when value is an object holding a string there; the schema reports anything else. */
function stringField(value: unknown, key: string): string | undefined {
  const field: unknown =
    typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  return typeof field === 'string' ? field : undefined;
}

/** Validates the payload against the schema and the configuration; one InputError lists every problem. */
export function parseInvokePayload(value: unknown, spec: RebalancerSpec): InvokeRequest {
  const result = v.safeParse(payloadSchema, value ?? {}, { abortEarly: false });
  const problems = result.success ? [] : problemsFrom(result.issues);
  const service = stringField(value, 'service');
  const region = stringField(value, 'region');
  problems.push(...scopeProblems(spec, service, region));
  if (!result.success || problems.length > 0) throw new InputError('invoke payload', problems);
  const { dryRun = false, force = false } = result.output;
  return {
    scope: service === undefined && region === undefined ? [] : [{ service, region }],
    dryRun,
    force,
  };
}

/** An unknown service, or a region the chosen services do not run in, with what is configured; used by the command line too. */
export function scopeProblems(
  spec: RebalancerSpec,
  service: string | undefined,
  region: string | undefined,
): string[] {
  const chosen = spec.services.filter((s) => service === undefined || s.name === service);
  if (service !== undefined && chosen.length === 0) {
    return [
      `service: unknown service ${service} (configured: ${spec.services.map((s) => s.name).join(', ')})`,
    ];
  }
  if (region !== undefined && !chosen.some((s) => s.regions.some((r) => r.region === region))) {
    const regions = [...new Set(chosen.flatMap((s) => s.regions.map((r) => r.region)))];
    return [
      `region: ${region} is not configured${service === undefined ? '' : ` for ${service}`} (configured: ${regions.join(', ')})`,
    ];
  }
  return [];
}
