/** The entry of the bundled command line (dist/cli/rebalancer.mjs, see bin/cli-bundle.js): runs it on this process's arguments. */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
