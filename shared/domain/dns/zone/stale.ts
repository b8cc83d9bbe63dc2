/*
 * Route 53's words for a batch that no longer matches the zone it was planned
 * on. Re-reading and re-planning cures exactly these rejections.
 */

// Route 53's wording when a batch no longer matches the zone it was planned on.
const STALE =
  /Tried to (?:delete|create) resource record set .*? ?but (?:it was not found|the values provided do not match the current values|it already exists)/g;

/**
 * The individual messages when every one says only that the zone changed under
 * the batch (a DELETE not found or not matching, a CREATE that exists);
 * undefined if any is about something else, since re-reading would not help.
 */
export function staleMessages(texts: readonly string[]): string[] | undefined {
  const found: string[] = [];
  for (const text of texts) {
    // Several messages in one "[first, second]": nothing may be left but brackets and commas.
    if (text.replace(STALE, '').replace(/[[\],\s]/g, '') !== '') return undefined;
    found.push(...(text.match(STALE) ?? []));
  }
  return found.length > 0 ? found : undefined;
}
