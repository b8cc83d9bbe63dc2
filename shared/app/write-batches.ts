import type { ChangeBatch } from '../domain/dns/records.js';
import { ConflictError } from '../domain/errors.js';
import type { Logger, ZonePort } from './ports.js';

export interface WriteOutcome {
  /** Batches Route 53 accepted, in order: a prefix of the batches given. */
  readonly written: readonly ChangeBatch[];
  /**
   * Why the rest was not sent: `stale` when the zone changed since it was read
   * (a DELETE no longer matched), else the error the write failed with.
   */
  readonly failure: { readonly error: unknown; readonly stale: boolean } | undefined;
  /** Set only when asked to wait and everything was written. */
  readonly inSync: boolean | undefined;
}

/**
 * Sends exactly the batches given, in order: no re-read, no re-plan. Every
 * DELETE names the record as it was read, so a zone that changed since makes
 * Route 53 refuse the batch whole; the batches before it stay (each left the
 * zone valid) and none after it is sent.
 */
export async function writeBatches(
  batches: readonly ChangeBatch[],
  zone: ZonePort,
  log: Logger,
  options: { readonly waitInSync?: boolean } = {},
): Promise<WriteOutcome> {
  const written: ChangeBatch[] = [];
  let changeId: string | undefined;
  for (const [i, batch] of batches.entries()) {
    try {
      changeId = await zone.changeRecords(batch);
    } catch (error) {
      const stale = error instanceof ConflictError;
      log.log(stale ? 'warn' : 'error', 'batch not written', {
        batch: i + 1,
        of: batches.length,
        stale,
        error: error instanceof Error ? error.message : String(error),
      });
      return { written, failure: { error, stale }, inSync: undefined };
    }
    written.push(batch);
    log.log('info', 'batch written', {
      batch: i + 1,
      of: batches.length,
      changes: batch.Changes.length,
      changeId,
    });
  }
  const inSync =
    options.waitInSync === true && changeId !== undefined
      ? await zone.waitInSync(changeId)
      : undefined;
  return { written, failure: undefined, inSync };
}
