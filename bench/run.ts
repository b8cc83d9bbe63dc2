/** `npm run bench`: every benchmark, figures printed as medians and ratios. */
import { benchBundles } from './bundles.js';
import { benchColdStart } from './cold-start.js';
import { benchEvents } from './events.js';
import { benchHealthChecks } from './health-checks.js';
import { benchJsonText } from './json-text.js';
import { benchLifecycle } from './lifecycle.js';
import { benchLive } from './live.js';
import { benchPlan } from './plan.js';
import { benchPlanText } from './plan-text.js';

benchPlan();
await benchEvents();
await benchBundles();
await benchColdStart();
await benchLive();
benchPlanText();
benchJsonText();
await benchHealthChecks();
await benchLifecycle();
