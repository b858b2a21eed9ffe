import { describe, expect, it } from 'vitest';
import { RateLimiter } from '#adapters/ses/rate-limiter';

describe('the SES send rate', () => {
  it('lets a burst of the configured size through, then paces the rest', async () => {
    let now = 0;
    const sends: number[] = [];
    const limiter = new RateLimiter(
      5,
      () => now,
      async (ms) => {
        now += ms;
      },
    );
    for (let i = 0; i < 25; i++) {
      await limiter.take();
      sends.push(now);
    }
    // 5 at once, then one every 200 ms: 25 messages take 4 s of simulated time.
    expect(sends.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(sends.at(-1)).toBe(4000);
    for (let second = 1; second <= 4; second++)
      expect(sends.filter((t) => t > (second - 1) * 1000 && t <= second * 1000).length).toBeLessThanOrEqual(5);
  });
});
