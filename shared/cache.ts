/**
 * `load`'s answer, kept `ttlMs` in this process: concurrent callers share one load, and a failed load is not kept.
 * For what changes rarely and is read on many requests (the program settings, the partners).
 */
export function cachedFor<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.value;
    const entry = { at: Date.now(), value: load() };
    cached = entry;
    entry.value.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return entry.value;
  };
}
