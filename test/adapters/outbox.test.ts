import { describe, expect, it, vi } from 'vitest';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import {
  DynamoDBStreamsClient,
  DescribeStreamCommand,
  GetShardIteratorCommand,
  GetRecordsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  testDeps,
  sesMessages,
  to,
  uniq,
  freeDeadEndpoint,
  type ManualClock,
  dynamoEndpoint,
} from '../support/harness.ts';
import type { OutboxRecord } from '#usecases/outbox';
import { deliverNotification, sweepOutbox } from '#usecases/deliver-notification';
import { makeHandler as makeNotifier } from '#functions/notifier/handler';
import { retryNotification } from '#usecases/notifications';
import { keys } from '#adapters/dynamodb/keys';
import { SesMailer } from '#adapters/ses/mailer';
import type { Deps } from '#shared/ports';
import type { TemplateName } from '#email/templates';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** A state change (a topic proposal) written with its message in one transaction. */
async function stateChangeWithEmail(deps: Deps, recipient: string, i: number) {
  const now = deps.clock.now();
  await deps.store.transact([
    { put: { ...keys.proposal(`p${i}-${recipient}`), topic: `topic ${i}` } },
    deps.repos.outbox.enqueue(
      {
        template: 'topic-proposal' as TemplateName,
        to: [recipient],
        data: { name: `Person ${i}`, email: 'x@example.org', topic: `topic ${i}` } as never,
      },
      now,
    ),
  ]);
}

async function streamRecords(tableName: string): Promise<DynamoDBStreamEvent> {
  const endpoint = await dynamoEndpoint();
  const db = new DynamoDBClient({ endpoint, region: 'ca-central-1', credentials });
  const arn = (await db.send(new DescribeTableCommand({ TableName: tableName }))).Table!.LatestStreamArn!;
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'ca-central-1', credentials });
  const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards!;
  const records = [];
  for (const s of shards) {
    let it = (
      await streams.send(
        new GetShardIteratorCommand({ StreamArn: arn, ShardId: s.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
      )
    ).ShardIterator;
    for (let i = 0; it && i < 20; i++) {
      const out = await streams.send(new GetRecordsCommand({ ShardIterator: it }));
      records.push(...(out.Records ?? []));
      if (!out.Records?.length) break;
      it = out.NextShardIterator;
    }
  }
  return { Records: records } as unknown as DynamoDBStreamEvent;
}

describe('outbox delivery', () => {
  it('SES unreachable during 100 state changes, then restored: exactly 100 emails, each once', async () => {
    const deps = await testDeps({ seed: false, env: { PIC_MAIL_MAX_ATTEMPTS: '50' } });
    const recipient = `outage-${uniq()}@example.org`;
    const live = deps.mailer;
    deps.mailer = new SesMailer({ timeoutMs: 500, endpoint: await freeDeadEndpoint(), region: 'ca-central-1' });

    for (let i = 0; i < 100; i++) await stateChangeWithEmail(deps, recipient, i);
    const pending = await deps.store.query<OutboxRecord>(keys.outboxByStatus('pending'));
    expect(pending).toHaveLength(100);
    const outcomes = await Promise.all(pending.map((m) => deliverNotification(deps, m.id)));
    expect(outcomes.every((o) => o === 'retrying')).toBe(true);
    expect(await sweepOutbox(deps, { pendingGraceMs: 0 })).toMatchObject({ sent: 0, retrying: 100 });
    expect(await sesMessages(to(recipient))).toHaveLength(0);

    deps.mailer = live;
    const swept = await sweepOutbox(deps, { pendingGraceMs: 0 });
    expect(swept.sent).toBe(100);
    expect(await sweepOutbox(deps, { pendingGraceMs: 0 })).toMatchObject({ sent: 0, retrying: 0 });
    const mails = await sesMessages(to(recipient));
    expect(mails).toHaveLength(100);
    expect(new Set(mails.map((m) => m.subject)).size).toBe(100);
  });

  it('the notifier run twice over the same stream records sends nothing twice', async () => {
    const deps = await testDeps({ seed: false });
    const recipient = `stream-${uniq()}@example.org`;
    for (let i = 0; i < 5; i++) await stateChangeWithEmail(deps, recipient, i);
    const handler = makeNotifier(async () => deps);
    const event = await streamRecords(deps.store.tableName);
    expect(event.Records.length).toBeGreaterThanOrEqual(5);
    const first = await handler(event);
    const second = await handler(event);
    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    expect(await sesMessages(to(recipient))).toHaveLength(5);
  });

  it('a notifier killed after SES accepted a message never sends it again on its own', async () => {
    const deps = await testDeps({ seed: false });
    const recipient = `crash-${uniq()}@example.org`;
    await stateChangeWithEmail(deps, recipient, 1);
    const [m] = await deps.store.query<OutboxRecord>(keys.outboxByStatus('pending'));
    // SES accepts the message, then the process dies before recording it: the delivery never finishes.
    const real = deps.mailer;
    let accepted = 0;
    deps.mailer = {
      send: async (e) => {
        await real.send(e);
        accepted++;
        return new Promise(() => {});
      },
    };
    void deliverNotification(deps, m.id);
    await vi.waitFor(() => expect(accepted).toBe(1));
    deps.mailer = real;
    expect(await sweepOutbox(deps, { pendingGraceMs: 0 })).toMatchObject({ unconfirmed: 0, sent: 0 });
    (deps.clock as ManualClock).advanceDays(1 / 24 / 20); // three minutes: the lease is over
    expect(await sweepOutbox(deps, { pendingGraceMs: 0 })).toMatchObject({ unconfirmed: 1, sent: 0 });
    expect(await deliverNotification(deps, m.id)).toBe('skipped');
    expect((await deps.store.get<OutboxRecord>(keys.outbox(m.id)))!.status).toBe('unconfirmed');
    expect(await sesMessages(to(recipient))).toHaveLength(1);
    // The coordination team checks, and re-drives it if it never arrived.
    expect(await retryNotification(deps, m.id)).toBe('queued');
    expect(await deliverNotification(deps, m.id)).toBe('sent');
    expect(await deliverNotification(deps, m.id)).toBe('skipped');
  });

  it('parks a message as failed after the configured attempts, and re-drives it', async () => {
    const deps = await testDeps({ seed: false, env: { PIC_MAIL_MAX_ATTEMPTS: '3' } });
    const recipient = `failed-${uniq()}@example.org`;
    const live = deps.mailer;
    deps.mailer = new SesMailer({ timeoutMs: 500, endpoint: await freeDeadEndpoint(), region: 'ca-central-1' });
    await stateChangeWithEmail(deps, recipient, 1);
    const [m] = await deps.store.query<OutboxRecord>(keys.outboxByStatus('pending'));
    expect(await deliverNotification(deps, m.id)).toBe('retrying');
    expect(await deliverNotification(deps, m.id)).toBe('retrying');
    expect(await deliverNotification(deps, m.id)).toBe('failed');
    expect(await deliverNotification(deps, m.id)).toBe('skipped');
    const failed = await deps.store.query<OutboxRecord>(keys.outboxByStatus('failed'));
    expect(failed.map((f) => f.id)).toEqual([m.id]);
    expect(failed[0].lastError).toBeTruthy();
    deps.mailer = live;
    expect(await retryNotification(deps, m.id)).toBe('queued');
    expect(await deliverNotification(deps, m.id)).toBe('sent');
    expect(await sesMessages(to(recipient))).toHaveLength(1);
  });
});
