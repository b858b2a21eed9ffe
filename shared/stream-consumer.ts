/**
 * How the notifier reads the table's stream: the one definition that the deployed event source mapping
 * (infra/) and the local stream poller (local/stream-poller.ts) both read, so a record is batched, filtered and
 * retried on this machine as in AWS.
 */

/**
 * An event filter pattern, Lambda's own syntax: only the exact values and `prefix` matches used here, which the
 * local poller implements (it refuses any other operator rather than read it differently).
 */
export type FilterPattern = { [field: string]: FilterPattern | Array<string | number | { prefix: string }> };

export const STREAM_CONSUMER = {
  /** Records per invocation. */
  batchSize: 25,
  /** Only outbox records reach the notifier; every other change to the table is none of its business. */
  filters: [{ dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } } }] as FilterPattern[],
  /** Retries of a failing record before it is set aside (to the dead-letter queue in AWS). */
  retryAttempts: 10,
  /** A batch whose handler throws is split in two before it is retried, to isolate the record at fault. */
  bisectBatchOnError: true,
} as const;
