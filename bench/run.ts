/** `npm run bench`: every benchmark, figures printed as medians and ratios. */
import { benchPlan } from './plan.js';

benchPlan();
