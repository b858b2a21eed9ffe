/** Issue 16: the activities' and community's use cases go through the store port, never the table's shape. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const PORTED = [
  'cancel-registration',
  'create-session',
  'export-registrations',
  'fan-out-session-change',
  'fill-from-waitlist',
  'list-activities',
  'list-registrations',
  'notify-registrant',
  'propose-topic',
  'register-to-session',
  'send-activity-reminders',
  'send-bulk',
  'subscribe-to-mailing-list',
  'unsubscribe-from-mailing-list',
  'update-session',
];

const FORBIDDEN: Array<[string, RegExp]> = [
  ['imports the keys', /#adapters\/dynamodb\/keys|\/keys\.ts'/],
  ['imports the expressions', /#adapters\/dynamodb\/expressions|\/expressions\.ts'/],
  ['calls the store', /deps\.store\b/],
  ['names a key or index attribute', /\b(pk|sk|gsi\d(pk|sk)?)\b/],
];

describe('sessions and community use cases', () => {
  it.each(PORTED)('%s.ts reads and writes through deps.repos and deps.tx only', (name) => {
    const source = readFileSync(`shared/usecases/${name}.ts`, 'utf8');
    const found = FORBIDDEN.filter(([, pattern]) => pattern.test(source)).map(([what]) => what);
    expect(found).toEqual([]);
  });
});
