/**
 * What Lambda's DynamoDB Streams event source does in AWS: read the table's stream and hand batches of records
 * to the stream handler. Starts from the oldest retained record; delivery is idempotent, so a restart that
 * replays records sends nothing twice.
 */
import {
  DynamoDBStreamsClient,
  DescribeStreamCommand,
  GetShardIteratorCommand,
  GetRecordsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';

export function startStreamPoller(opts: {
  endpoint: string;
  streamArn: string;
  handler: (e: DynamoDBStreamEvent) => Promise<unknown>;
  intervalMs?: number;
}) {
  const client = new DynamoDBStreamsClient({
    endpoint: opts.endpoint,
    region: 'ca-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const iterators = new Map<string, string | null>();
  let stopped = false;

  const tick = async () => {
    const d = await client.send(new DescribeStreamCommand({ StreamArn: opts.streamArn }));
    for (const shard of d.StreamDescription?.Shards ?? []) {
      if (iterators.has(shard.ShardId!)) continue;
      const it = await client.send(
        new GetShardIteratorCommand({
          StreamArn: opts.streamArn,
          ShardId: shard.ShardId!,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      iterators.set(shard.ShardId!, it.ShardIterator ?? null);
    }
    for (const [shardId, iterator] of iterators) {
      if (!iterator) continue;
      const out = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      if (out.Records?.length) {
        // Like Lambda: the position moves on only once the batch was handled.
        await opts.handler({
          Records: out.Records.map((r) => ({ ...r, eventSourceARN: opts.streamArn })),
        } as unknown as DynamoDBStreamEvent);
      }
      iterators.set(shardId, out.NextShardIterator ?? null);
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
