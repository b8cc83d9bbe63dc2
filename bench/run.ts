/** `npm run bench`: every benchmark, figures printed as medians and ratios. */
import { benchEvents } from './events.js';
import { benchPlan } from './plan.js';

benchPlan();
await benchEvents();
