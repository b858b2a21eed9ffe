/** Everything the PIC system needs in one AWS account and region (ca-central-1 by default), by concern. */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ENV } from '../../shared/config.ts';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings.ts';
import type { ApiRoute } from '../api-routes.ts';
import { Alarms } from '../constructs/alarms.ts';
import { Api } from '../constructs/api.ts';
import { Data } from '../constructs/data.ts';
import { Identity } from '../constructs/identity.ts';
import { Mail } from '../constructs/mail.ts';
import { Schedules } from '../constructs/schedules.ts';
import { Site } from '../constructs/site.ts';
import { StreamConsumer } from '../constructs/stream-consumer.ts';

export type PicStackProps = StackProps & {
  stage: string;
  /** The sender identity verified in SES (domain or address). */
  mailFrom: string;
  teamEmail: string;
  alarmEmail?: string;
  /** Routes the API answers, with their auth: the staff ones get the JWT authorizer. */
  apiRoutes: readonly ApiRoute[];
};

export class PicStack extends Stack {
  constructor(scope: Construct, id: string, props: PicStackProps) {
    super(scope, id, props);
    const { table, linkSecret } = new Data(this, 'Data');
    const site = new Site(this, 'Site');
    const identity = new Identity(this, 'Identity', { stage: props.stage, siteUrl: site.url });
    const mail = new Mail(this, 'Mail', { mailFrom: props.mailFrom }).grant;
    const environment = {
      [ENV.publicBaseUrl]: site.url,
      [ENV.mailFrom]: props.mailFrom,
      [ENV.teamEmail]: props.teamEmail,
      [ENV.cognitoIssuer]: identity.issuer,
      [ENV.cognitoClientId]: identity.client.userPoolClientId,
    };

    const api = new Api(this, 'Api', {
      table,
      linkSecret,
      environment,
      routes: props.apiRoutes,
      issuer: identity.issuer,
      clientId: identity.client.userPoolClientId,
      users: identity.users,
    });
    const notifier = new StreamConsumer(this, 'Notifier', { table, mail, environment });
    // The deployed default; a year start changed in the settings later needs a redeploy to move the schedule.
    const jobs = new Schedules(this, 'Jobs', {
      table,
      linkSecret,
      mail,
      environment,
      yearStart: DEFAULT_SETTINGS.yearStart,
    });
    site.serveApi(api.httpApi);
    const pageConfig = identity.pageConfig(site.url);
    site.allowConnectTo(`https://${pageConfig.cognitoDomain}`);
    site.deployPages(pageConfig);

    const { 'open-year': openYear, daily, 'outbox-sweep': sweep, 'expire-offers': expireOffers } = jobs.functions;
    new Alarms(this, 'Alarms', {
      alarmEmail: props.alarmEmail,
      functions: {
        ApiFn: api.fn,
        NotifierFn: notifier.fn,
        OutboxSweepFn: sweep,
        DailyFn: daily,
        OpenYearFn: openYear,
        ExpireOffersFn: expireOffers,
      },
      mailFunctions: { NotifierFn: notifier.fn, OutboxSweepFn: sweep },
      streamDeadLetters: notifier.deadLetters,
      schedulerDeadLetters: jobs.deadLetters,
      httpApi: api.httpApi,
    });

    new CfnOutput(this, 'SiteUrl', { value: site.url });
    new CfnOutput(this, 'ApiUrl', { value: api.httpApi.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: identity.users.userPoolId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
