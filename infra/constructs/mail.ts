/** Sending through SES: a configuration set, and the sender identity the functions may send as. */
import { Stack } from 'aws-cdk-lib';
import { ConfigurationSet } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { MailGrant } from './app-function.ts';

export class Mail extends Construct {
  /** What `AppFunction.useMail` needs. */
  readonly grant: MailGrant;

  constructor(scope: Construct, id: string, props: { mailFrom: string }) {
    super(scope, id);
    const { partition, region, account } = Stack.of(this);
    const configurationSet = new ConfigurationSet(this, 'Config', { reputationMetrics: true, sendingEnabled: true });
    const ses = `arn:${partition}:ses:${region}:${account}`;
    this.grant = {
      identityArn: `${ses}:identity/${props.mailFrom.split('@').pop()}`,
      configurationSetArn: `${ses}:configuration-set/${configurationSet.configurationSetName}`,
      configurationSetName: configurationSet.configurationSetName,
    };
  }
}
