/** DynamoDB Streams consumer: delivers each new outbox message. Partial batch failures go back to the stream. */
import type { DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { getMailingDeps } from '#adapters/ses/mailing-deps';
import { RateLimiter } from '#adapters/ses/rate-limiter';
import { makeInvocationHandler, type DepsSource } from '#shared/invocation';
import { deliverNotification } from '#usecases/deliver-notification';
import type { Deps } from '#shared/ports';

async function deliverBatch(deps: Deps, event: DynamoDBStreamEvent, limiter: RateLimiter) {
  const failures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (!image?.pk?.S?.startsWith('OUTBOX#') || image.status?.S !== 'pending') continue;
    try {
      await deliverNotification(deps, image.id.S!, limiter);
    } catch (error) {
      deps.log.error('delivery fault', { outboxId: image.id.S, error: (error as Error).message });
      failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures: failures };
}

/** One send-rate limiter per handler, kept across invocations of a warm Lambda. */
export function makeHandler(source: DepsSource = getMailingDeps) {
  let limiter: RateLimiter | undefined;
  return makeInvocationHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>(
    'notifier',
    (deps, event) => {
      limiter ??= new RateLimiter(deps.store, deps.config.ses.maxSendRate);
      return deliverBatch(deps, event, limiter);
    },
    source,
  );
}

export const handler = makeHandler();
