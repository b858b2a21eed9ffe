/**
 * The SES send rate, held across processes: the notifier (stream) and the outbox sweep (every minute, possibly
 * overlapping itself) run in separate Lambda instances, so a per-process bucket lets them together exceed
 * PIC_SES_MAX_SEND_RATE. Each send reserves the next free slot in one table item (`nextAt`, epoch ms) and waits
 * for it: two sends are never closer than 1000 / rate ms, whichever processes make them.
 *
 * Why a slot in DynamoDB rather than the alternatives:
 * - reserved concurrency caps instances, not sends: the notifier at concurrency 1 plus a sweep is still two
 *   senders at full rate each, and halving the rate per function wastes half the quota when only one sends;
 * - SES's own throttling ("Maximum sending rate exceeded") would turn every excess into a failed attempt with
 *   backoff and an alarm, and locally the emulator does not throttle at all, so the tests would not see it.
 * The table is already every sender's dependency; a reservation is one conditional UpdateItem (two when the line
 * is busy), a single ADD decides the order under contention, and nobody polls: a sender sleeps until its slot.
 */
import type { Store } from '#adapters/dynamodb/store';
import { keys } from '#adapters/dynamodb/keys';
import { cond } from '#adapters/dynamodb/expressions';

export type RateLimiterOptions = {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

export class RateLimiter {
  /** Whole milliseconds, rounded up, so that rounding never lets more than the rate through. */
  readonly intervalMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /**
   * A slot further ahead than this was written by a clock that jumped, not by a queue (each sender holds one
   * reservation at a time, so a honest queue is a few intervals long): start the line again rather than stall
   * every email behind it, which would outlive the delivery lease.
   */
  private readonly staleAheadMs: number;

  constructor(
    private readonly store: Store,
    perSecond: number,
    opts: RateLimiterOptions = {},
  ) {
    this.intervalMs = Math.ceil(1000 / perSecond);
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.staleAheadMs = Math.max(60_000, 10 * this.intervalMs);
  }

  /** The line's end as this process last saw it: a busy sender joins the queue first instead of failing a write. */
  private lastNextAt = 0;

  /** Waits for this process's next send slot; returns the slot (epoch ms). */
  async take(): Promise<number> {
    for (;;) {
      const now = this.now();
      const slot =
        this.lastNextAt > now
          ? ((await this.join(now)) ?? (await this.lead(now)))
          : ((await this.lead(now)) ?? (await this.join(now)));
      // Neither: the slot ahead passed between the two writes, and the line is empty again.
      if (slot === undefined) continue;
      if (slot > now) await this.sleep(slot - now);
      return slot;
    }
  }

  /** The line is empty (or stale): this send goes now, the next not before one interval. */
  private async lead(now: number): Promise<number | undefined> {
    const done = await this.store.update(
      keys.sesSendSlot(),
      { set: { nextAt: now + this.intervalMs } },
      cond.or(cond.notExists('nextAt'), cond.le('nextAt', now), cond.gt('nextAt', now + this.staleAheadMs)),
    );
    if (!done) return undefined;
    this.lastNextAt = now + this.intervalMs;
    return now;
  }

  /** Someone holds a slot ahead: take the one after it. ADD is atomic, so concurrent senders get distinct slots. */
  private async join(now: number): Promise<number | undefined> {
    const queued = await this.store.update<{ nextAt: number }>(
      keys.sesSendSlot(),
      { add: { nextAt: this.intervalMs } },
      cond.and(cond.gt('nextAt', now), cond.le('nextAt', now + this.staleAheadMs)),
    );
    if (!queued) return undefined;
    this.lastNextAt = queued.nextAt;
    return queued.nextAt - this.intervalMs;
  }
}
