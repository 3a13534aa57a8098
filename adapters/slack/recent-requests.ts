/**
 * Remembers recently handled Slack request keys (event ids, trigger ids, view ids) so a retried
 * delivery is acknowledged and skipped. Per process; the core's requestKey idempotency covers
 * retries that land on another instance.
 */
export class RecentRequests {
  private readonly seen = new Map<string, number>();

  constructor(private readonly ttlMs = 60 * 60 * 1000, private readonly maxEntries = 10_000) {}

  /** Records `key`; returns true when it was already handled within the TTL. */
  checkAndMark(key: string, nowMs = Date.now()): boolean {
    const at = this.seen.get(key);
    if (at !== undefined && nowMs - at < this.ttlMs) return true;
    this.seen.set(key, nowMs);
    if (this.seen.size > this.maxEntries) {
      for (const [k, t] of this.seen) {
        if (this.seen.size <= this.maxEntries * 0.9 && nowMs - t < this.ttlMs) break;
        this.seen.delete(k);
      }
    }
    return false;
  }
}
