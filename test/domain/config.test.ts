import { describe, expect, it } from 'vitest';
import { parseConfig } from '#shared/config';

describe('runtime configuration', () => {
  it('fills the documented defaults, coerces numbers and ignores empty variables', () => {
    const c = parseConfig({
      PIC_TABLE_NAME: 'pic-prod',
      PIC_SES_MAX_SEND_RATE: '2.5',
      PIC_MAIL_MAX_ATTEMPTS: '',
      PIC_PUBLIC_BASE_URL: 'https://pic.example.org/',
      OTHER: 'x',
    });
    expect(c.tableName).toBe('pic-prod');
    expect(c.publicBaseUrl).toBe('https://pic.example.org');
    expect(c.ses).toMatchObject({ maxSendRate: 2.5, maxAttempts: 8, timeoutMs: 5000, backoffBaseMs: 30_000 });
    expect(c.mail).toEqual({
      from: 'pic@centraide-mtl.org',
      replyTo: 'pic@centraide-mtl.org',
      team: 'pic@centraide-mtl.org',
      dynamoContact: { name: 'Chantal Grandchamp', email: 'cgrandchamp@dynamocollectivo.com' },
    });
    expect(c.maxBodyBytes).toBe(32_768);
    // A whole room submitting from one office network stays well below these.
    expect(c.publicPosts).toEqual({ perMinute: 120, perHour: 1000 });
    expect(parseConfig({ PIC_PUBLIC_POSTS_PER_MINUTE: '3', PIC_PUBLIC_POSTS_PER_HOUR: '5' }).publicPosts).toEqual({
      perMinute: 3,
      perHour: 5,
    });
  });

  it('refuses a malformed value, naming the variable', () => {
    expect(() => parseConfig({ PIC_TEAM_EMAIL: 'not-an-address' })).toThrow(/PIC_TEAM_EMAIL/);
    expect(() => parseConfig({ PIC_LINK_SECRET: 'short' })).toThrow(/PIC_LINK_SECRET/);
    expect(() => parseConfig({ PIC_MAIL_MAX_ATTEMPTS: '2.5' })).toThrow(/PIC_MAIL_MAX_ATTEMPTS/);
    expect(() => parseConfig({ PIC_MAIL_BACKOFF_BASE_MS: '-1' })).toThrow(/PIC_MAIL_BACKOFF_BASE_MS/);
    expect(() => parseConfig({ PIC_PUBLIC_POSTS_PER_MINUTE: '0' })).toThrow(/PIC_PUBLIC_POSTS_PER_MINUTE/);
    expect(parseConfig({ PIC_MAIL_BACKOFF_BASE_MS: '0' }).ses.backoffBaseMs).toBe(0);
  });
});
