/**
 * The local stream poller against DynamoDB Local's real stream: the batch size, filter and retries of the
 * deployed event source mapping (shared/stream-consumer.ts), so a failing record is retried here as in AWS.
 */
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { STREAM_CONSUMER } from '#shared/stream-consumer';
import { ensureTable } from '../../local/emulators.ts';
import { matches, startStreamPoller } from '../../local/stream-poller.ts';
import { dynamoEndpoint, uniq } from '../support/harness.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let stopPoller: (() => void) | undefined;
afterEach(() => stopPoller?.());

/** A fresh table with `count` outbox records and as many other items, written in this order. */
async function tableWithRecords(count: number) {
  const endpoint = await dynamoEndpoint();
  const tableName = `t${uniq()}`;
  const { streamArn } = await ensureTable(endpoint, tableName);
  const client = new DynamoDBClient({ endpoint, region: 'ca-central-1', credentials });
  const items = Array.from({ length: count }, (_, i) => [
    { pk: { S: `OUTBOX#${String(i).padStart(3, '0')}` }, sk: { S: 'OUTBOX' } },
    { pk: { S: `QUARTIER#${i}` }, sk: { S: 'PROFILE' } },
  ]).flat();
  // One at a time, so the stream holds them in this order.
  for (const item of items)
    await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: [{ PutRequest: { Item: item } }] } }));
  return { endpoint, streamArn: streamArn!, outbox: items.filter((_, i) => i % 2 === 0).map((x) => x.pk.S) };
}

const pkOf = (r: DynamoDBRecord) => r.dynamodb?.Keys?.pk?.S ?? '';

/** Polls the poller's progress; what it waits for is an outcome, not a duration. */
async function until(done: () => boolean) {
  for (let i = 0; i < 600 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(done()).toBe(true);
}

function poll(
  streamArn: string,
  endpoint: string,
  answer: (batch: DynamoDBRecord[]) => DynamoDBBatchResponse | Promise<DynamoDBBatchResponse>,
) {
  const batches: string[][] = [];
  const discarded: string[] = [];
  const poller = startStreamPoller({
    endpoint,
    streamArn,
    intervalMs: 20,
    handler: async (e: DynamoDBStreamEvent) => {
      batches.push(e.Records.map(pkOf));
      return answer(e.Records);
    },
    onDiscard: (r) => discarded.push(r.dynamodb?.Keys?.pk?.S ?? ''),
  });
  stopPoller = poller.stop;
  return { batches, discarded, delivered: () => batches.flat() };
}

describe('the local stream poller', () => {
  it('hands the notifier only outbox records, in batches of the deployed size', async () => {
    const { endpoint, streamArn, outbox } = await tableWithRecords(60);
    const { batches, delivered } = poll(streamArn, endpoint, () => ({ batchItemFailures: [] }));
    await until(() => delivered().length >= outbox.length);
    expect(delivered()).toEqual(outbox);
    expect(Math.max(...batches.map((b) => b.length))).toBe(STREAM_CONSUMER.batchSize);
  });

  it('retries a reported failure from that record on, and not the records before it', async () => {
    const { endpoint, streamArn, outbox } = await tableWithRecords(10);
    let failed = 0;
    const { batches, delivered } = poll(streamArn, endpoint, (batch) => {
      const bad = batch.find((r) => pkOf(r) === 'OUTBOX#004');
      if (bad && failed < 2) {
        failed++;
        return { batchItemFailures: [{ itemIdentifier: bad.dynamodb!.SequenceNumber! }] };
      }
      return { batchItemFailures: [] };
    });
    await until(() => new Set(delivered()).size === outbox.length && failed === 2);
    await until(() => delivered().filter((pk) => pk === 'OUTBOX#009').length === 3);
    // First the whole batch, then twice from the failed record on.
    expect(batches).toEqual([outbox, outbox.slice(4), outbox.slice(4)]);
  });

  it('sets a record aside after its last retry and goes on with the next ones', async () => {
    const { endpoint, streamArn } = await tableWithRecords(3);
    const { delivered, discarded } = poll(streamArn, endpoint, (batch) => ({
      batchItemFailures: batch
        .filter((r) => pkOf(r) === 'OUTBOX#001')
        .map((r) => ({ itemIdentifier: r.dynamodb!.SequenceNumber! })),
    }));
    await until(() => discarded.length === 1 && delivered().at(-1) === 'OUTBOX#002');
    expect(discarded).toEqual(['OUTBOX#001']);
    expect(delivered().filter((pk) => pk === 'OUTBOX#001')).toHaveLength(1 + STREAM_CONSUMER.retryAttempts);
    expect(delivered().filter((pk) => pk === 'OUTBOX#000')).toHaveLength(1);
  });

  it('splits a batch whose handler throws until the record at fault is alone', async () => {
    const { endpoint, streamArn, outbox } = await tableWithRecords(8);
    const { batches, discarded, delivered } = poll(streamArn, endpoint, (batch) => {
      if (batch.some((r) => pkOf(r) === 'OUTBOX#005')) throw new Error('poison record');
      return { batchItemFailures: [] };
    });
    await until(() => discarded.length === 1 && delivered().at(-1) === 'OUTBOX#007');
    expect(discarded).toEqual(['OUTBOX#005']);
    expect(batches.slice(0, 2)).toEqual([outbox, outbox.slice(0, 4)]);
    expect(batches).toContainEqual(['OUTBOX#005']);
    const succeeded = new Set(delivered().filter((pk) => pk !== 'OUTBOX#005'));
    expect(succeeded.size).toBe(outbox.length - 1);
  });
});

describe("the local poller's filter", () => {
  it('reads the deployed pattern as Lambda does: prefix and exact values', () => {
    const [outboxOnly] = STREAM_CONSUMER.filters;
    expect(matches(outboxOnly, { dynamodb: { Keys: { pk: { S: 'OUTBOX#1' } } } })).toBe(true);
    expect(matches(outboxOnly, { dynamodb: { Keys: { pk: { S: 'QUARTIER#1' } } } })).toBe(false);
    expect(matches(outboxOnly, { dynamodb: { Keys: {} } })).toBe(false);
    expect(matches({ eventName: ['INSERT', 'MODIFY'] }, { eventName: 'MODIFY' })).toBe(true);
    expect(matches({ eventName: ['INSERT'] }, { eventName: 'REMOVE' })).toBe(false);
    expect(() => matches({ n: [{ numeric: ['>', 0] } as never] }, { n: 1 })).toThrow(/not implemented/);
  });
});
