/**
 * The notifier on the table's stream, configured from shared/stream-consumer.ts (which the local poller reads
 * too); records that fail every retry go to a dead-letter queue.
 */
import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { STREAM_CONSUMER } from '../../shared/stream-consumer.ts';
import { AppFunction, type MailGrant } from './app-function.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';

export class StreamConsumer extends Construct {
  readonly fn: AppFunction;
  readonly deadLetters: Queue;

  constructor(
    scope: Construct,
    id: string,
    props: { table: ITableV2; mail: MailGrant; environment: Record<string, string> },
  ) {
    super(scope, id);
    this.fn = new AppFunction(this, 'Fn', {
      entry: 'functions/notifier/handler.ts',
      description: 'Outbox delivery from the table stream',
      environment: props.environment,
      // One consumer at a time: the configured SES send rate then holds for the whole system.
      reservedConcurrentExecutions: 1,
      timeout: Duration.minutes(5),
    })
      .useTable(props.table, 'readWrite')
      .useMail(props.mail);
    this.deadLetters = deadLetterQueue(this, 'DeadLetters');
    this.fn.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: STREAM_CONSUMER.batchSize,
        bisectBatchOnError: STREAM_CONSUMER.bisectBatchOnError,
        retryAttempts: STREAM_CONSUMER.retryAttempts,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters),
        filters: STREAM_CONSUMER.filters.map((f) => FilterCriteria.filter(f)),
      }),
    );
  }
}
