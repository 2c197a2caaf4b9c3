/**
 * Runs `work` up to `attempts` times, waiting base, 2×base, 4×base… (with jitter) between
 * tries. Rethrows the last error: the caller logs it with the alert id and counts it.
 */
export async function withRetry<T>(work: () => Promise<T>, attempts: number, baseMs: number): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await work();
    } catch (error) {
      last = error;
      if (attempt + 1 < attempts) await new Promise((r) => setTimeout(r, baseMs * 2 ** attempt * (0.75 + Math.random() / 2)));
    }
  }
  throw last;
}
