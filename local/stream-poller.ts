/**
 * What Lambda's DynamoDB Streams event source mapping does in AWS: read the table's stream and hand the notifier
 * batches of records, with the batch size, filter and retry rules of shared/stream-consumer.ts. Starts from the
 * oldest retained record; delivery is idempotent, so a restart that replays records sends nothing twice.
 */
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { type FilterPattern, STREAM_CONSUMER } from '#shared/stream-consumer';

type StreamRecord = _Record & { eventSourceARN: string };

type Shard = {
  iterator: string | null;
  /** Records read and not yet handled, oldest first: Lambda's position in the shard is the first of them. */
  pending: StreamRecord[];
  /** Below the batch size while a batch that threw is being bisected. */
  batchSize: number;
  /** Failed attempts of the record at the head of `pending`. */
  attempts: number;
};

export function startStreamPoller(opts: {
  endpoint: string;
  streamArn: string;
  handler: (e: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined | unknown>;
  intervalMs?: number;
  /** A record set aside after its last retry (a dead-letter queue's job in AWS). */
  onDiscard?: (record: StreamRecord) => void;
}) {
  const consumer = STREAM_CONSUMER;
  const client = new DynamoDBStreamsClient({
    endpoint: opts.endpoint,
    region: 'ca-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const shards = new Map<string, Shard>();
  let stopped = false;

  const discard = (shard: Shard, count: number) => {
    for (const r of shard.pending.splice(0, count)) {
      // The sequence number only: records carry personal data.
      console.error('stream poller: record set aside after its retries', r.dynamodb?.SequenceNumber);
      opts.onDiscard?.(r);
    }
    shard.attempts = 0;
    shard.batchSize = consumer.batchSize;
  };

  /** One invocation, and what Lambda does with its answer. False when the batch must be retried later. */
  const deliver = async (shard: Shard): Promise<boolean> => {
    const batch = shard.pending.slice(0, shard.batchSize);
    let failedAt: number;
    let wholeBatch = false;
    try {
      const out = (await opts.handler({ Records: batch } as unknown as DynamoDBStreamEvent)) as
        | DynamoDBBatchResponse
        | undefined;
      const failures = out?.batchItemFailures ?? [];
      if (failures.length === 0) {
        shard.pending.splice(0, batch.length);
        shard.attempts = 0;
        shard.batchSize = consumer.batchSize;
        return true;
      }
      const positions = failures.map((f) => batch.findIndex((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier));
      // As Lambda: an identifier that names no record of the batch fails the whole batch.
      wholeBatch = positions.includes(-1);
      failedAt = wholeBatch ? 0 : Math.min(...positions);
    } catch (e) {
      console.error('stream poller: the handler threw', (e as Error).message);
      if (consumer.bisectBatchOnError && batch.length > 1) {
        shard.batchSize = Math.ceil(batch.length / 2);
        return false;
      }
      wholeBatch = true;
      failedAt = 0;
    }
    // The records before the first failure are done; the batch is retried from the failed one.
    if (failedAt > 0) {
      shard.pending.splice(0, failedAt);
      shard.attempts = 0;
    }
    shard.attempts += 1;
    if (shard.attempts > consumer.retryAttempts) discard(shard, wholeBatch ? batch.length : 1);
    return false;
  };

  const tick = async () => {
    const d = await client.send(new DescribeStreamCommand({ StreamArn: opts.streamArn }));
    for (const { ShardId } of d.StreamDescription?.Shards ?? []) {
      if (!ShardId || shards.has(ShardId)) continue;
      const it = await client.send(
        new GetShardIteratorCommand({ StreamArn: opts.streamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      shards.set(ShardId, {
        iterator: it.ShardIterator ?? null,
        pending: [],
        batchSize: consumer.batchSize,
        attempts: 0,
      });
    }
    for (const shard of shards.values()) {
      if (shard.iterator && shard.pending.length < consumer.batchSize) {
        const out = await client.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
        for (const r of out.Records ?? []) {
          const record = { ...r, eventSourceARN: opts.streamArn };
          // Filtered out records are dropped, as the event source mapping drops them.
          if (consumer.filters.some((f) => matches(f, record))) shard.pending.push(record);
        }
        shard.iterator = out.NextShardIterator ?? null;
      }
      while (shard.pending.length > 0 && !stopped && (await deliver(shard)));
    }
  };

  const loop = async () => {
    while (!stopped) {
      try {
        await tick();
      } catch (e) {
        console.error('stream poller:', (e as Error).message);
      }
      await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
    }
  };
  void loop();
  return {
    stop: () => {
      stopped = true;
    },
  };
}

/** Lambda's event filtering, for the operators STREAM_CONSUMER uses. */
export function matches(pattern: FilterPattern, value: unknown): boolean {
  return Object.entries(pattern).every(([field, rule]) => {
    const v = (value as Record<string, unknown> | undefined)?.[field];
    if (!Array.isArray(rule)) return matches(rule, v);
    return rule.some((r) => {
      if (typeof r !== 'object') return v === r;
      if (Object.keys(r).length === 1 && typeof r.prefix === 'string')
        return typeof v === 'string' && v.startsWith(r.prefix);
      throw new Error(`filter rule ${JSON.stringify(r)} is not implemented by the local stream poller`);
    });
  });
}
