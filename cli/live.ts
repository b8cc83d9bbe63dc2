import type { RebalancerSpec } from '../shared/domain/spec.js';
import { accountAccess, liveAws, liveReconcileDeps } from '../shared/runtime/live-aws.js';
import { jsonLogger, silentLogger } from '../shared/app/log.js';
import type { ReconcileDeps } from '../shared/app/reconcile.js';
import type { Io } from './io.js';

/*
 * Everything that loads the AWS SDK comes through this module, and the commands
 * import it only when they go live (`await import('../live.js')`): the bundled
 * CLI keeps the SDK in chunks an offline plan or simulate never loads.
 */
export { accountAccess, liveAws } from '../shared/runtime/live-aws.js';

/** The reconcile loop over real AWS for the command line; JSON log lines go to stderr with --verbose. */
export function cliReconcileDeps(spec: RebalancerSpec, io: Io, verbose: boolean): ReconcileDeps {
  const log = verbose
    ? jsonLogger((line) => {
        io.err(line);
      })
    : silentLogger;
  return liveReconcileDeps(liveAws(spec.hostedZoneId, accountAccess(spec)), log, undefined);
}
