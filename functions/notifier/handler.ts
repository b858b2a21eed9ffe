/** DynamoDB Streams consumer: delivers each new outbox message. Partial batch failures go back to the stream. */
import type { DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { getMailingDeps } from '#adapters/ses/mailing-deps';
import { RateLimiter } from '#adapters/ses/rate-limiter';
import { deliverNotification } from '#usecases/deliver-notification';

let limiter: RateLimiter | undefined;

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const deps = await getMailingDeps();
  limiter ??= new RateLimiter(deps.store, deps.config.ses.maxSendRate);
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
};
