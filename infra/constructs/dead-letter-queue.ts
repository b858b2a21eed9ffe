import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from './nag.ts';

/** Where failed stream records and scheduled runs wait two weeks for someone to look. */
export function deadLetterQueue(scope: Construct, id: string): Queue {
  const q = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(q, 'AwsSolutions-SQS3', 'This queue is itself a dead-letter queue.');
  return q;
}
