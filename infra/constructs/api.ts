/** The HTTP API: one function behind API Gateway, staff routes behind Cognito's JWT authorizer, throttled, logged. */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { ApiRoute } from '../api-routes.ts';
import { AppFunction } from './app-function.ts';
import { acknowledge } from './nag.ts';

export type ApiProps = {
  table: ITableV2;
  linkSecret: ISecret;
  environment: Record<string, string>;
  routes: readonly ApiRoute[];
  issuer: string;
  clientId: string;
  /** Where coordination invites and revokes staff accounts (GET/POST/DELETE /api/staff). */
  users: IUserPool;
};

export class Api extends Construct {
  readonly fn: AppFunction;
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.fn = new AppFunction(this, 'Fn', {
      entry: 'functions/api/handler.ts',
      description: 'HTTP API',
      environment: props.environment,
    })
      .useTable(props.table, 'readWrite')
      .useLinkSecret(props.linkSecret)
      .useStaffDirectory(props.users);

    const siteOrigin = this.node.tryGetContext('siteOrigin') as string | undefined;
    this.httpApi = new HttpApi(this, 'Http', {
      createDefaultStage: false,
      // The pages call the API through CloudFront (same origin); other origins are refused unless configured.
      corsPreflight: siteOrigin
        ? {
            allowOrigins: [siteOrigin],
            allowMethods: [
              CorsHttpMethod.GET,
              CorsHttpMethod.POST,
              CorsHttpMethod.PATCH,
              CorsHttpMethod.DELETE,
              CorsHttpMethod.OPTIONS,
            ],
            allowHeaders: ['content-type', 'authorization', 'idempotency-key', 'x-status-token', 'accept-language'],
          }
        : undefined,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.jsonWithStandardFields(),
      },
    });
    const integration = new HttpLambdaIntegration('Integration', this.fn.fn);
    const authorizer = new HttpJwtAuthorizer('Cognito', props.issuer, { jwtAudience: [props.clientId] });
    for (const r of props.routes.filter((x) => x.auth !== 'public')) {
      this.httpApi.addRoutes({ path: r.path, methods: [r.method as HttpMethod], integration, authorizer });
    }
    // Public routes (and unknown ones, which the handler answers with 404) need no sign-in.
    this.httpApi.addRoutes({ path: '/api/{proxy+}', methods: [HttpMethod.ANY], integration });
    acknowledge(
      this.httpApi,
      'AwsSolutions-APIG4',
      'Public routes (forms, status with its token, catalogue) are open by design; staff routes use the Cognito JWT authorizer.',
    );
  }
}
