/**
 * The delivery claims this replica made or saw, with their expiries, kept beside the shared
 * store. Redis forgets claims when it restarts without persistence, and claims made in the
 * local fallback during an outage never reach it: the ledger is consulted first, so a Slack
 * retry of a delivery this replica already answered is refused whatever Redis remembers,
 * and its live entries are written back to Redis when it returns, for the other replicas.
 * Bounded: past `maxEntries` the oldest claims are forgotten first.
 */
export class ClaimLedger {
  /** Key -> absolute expiry; Map order is insertion order, so the first key is the oldest. */
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly clock: () => number,
    private readonly maxEntries: number,
  ) {}

  /** True while `key` was claimed less than its ttl ago. */
  has(key: string): boolean {
    const expiresAt = this.expiries.get(key);
    if (expiresAt === undefined) return false;
    if (expiresAt > this.clock()) return true;
    this.expiries.delete(key);
    return false;
  }

  add(key: string, ttlMs: number): void {
    this.expiries.delete(key);
    this.expiries.set(key, this.clock() + ttlMs);
    while (this.expiries.size > this.maxEntries) {
      const oldest = this.expiries.keys().next().value;
      if (oldest === undefined) break;
      this.expiries.delete(oldest);
    }
  }

  forget(key: string): void {
    this.expiries.delete(key);
  }

  /** The claims still live, with the milliseconds each has left. */
  live(): { key: string; ttlMs: number }[] {
    const now = this.clock();
    const out: { key: string; ttlMs: number }[] = [];
    for (const [key, expiresAt] of this.expiries) {
      if (expiresAt > now) out.push({ key, ttlMs: expiresAt - now });
      else this.expiries.delete(key);
    }
    return out;
  }

  get size(): number {
    return this.expiries.size;
  }
}
