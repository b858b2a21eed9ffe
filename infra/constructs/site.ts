/**
 * The pages (web/dist) in a private bucket behind CloudFront, which also fronts the API on the same origin. Every
 * answer gets the security headers of shared/security-headers.ts, the ones the local gateway sends.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import {
  API_CSP,
  FRAME_OPTIONS,
  HSTS,
  PERMISSIONS_POLICY,
  REFERRER_POLICY,
  pageCsp,
  renderCsp,
} from '../../shared/security-headers.ts';
import { acknowledge, arnInFinding } from './nag.ts';

const WEB_DIST = join(import.meta.dirname, '..', '..', 'web', 'dist');

export class Site extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly url: string;
  /** Origins the pages fetch from besides their own; read when the template is written. */
  private readonly connectOrigins: string[] = [];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    const pageHeaders = securityHeadersPolicy(
      this,
      'PageHeaders',
      Lazy.string({ produce: () => pageCsp(this.connectOrigins) }),
    );
    acknowledge(
      this.bucket,
      'AwsSolutions-S1',
      'Static public pages only; CloudFront is the only reader (OAC), and its requests are what matter.',
    );
    this.distribution = new Distribution(this, 'Cdn', {
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: pageHeaders,
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    const findings: Array<[string, string]> = [
      ['AwsSolutions-CFR1', 'The quartiers are in Montreal, but partners and staff travel; no geo restriction.'],
      [
        'AwsSolutions-CFR2',
        'API throttling and validation protect the origin; a WAF can be added when traffic calls for it.',
      ],
      [
        'AwsSolutions-CFR3',
        'API access logs are kept at the API stage; CloudFront standard logs would duplicate them.',
      ],
      [
        'AwsSolutions-CFR4',
        'The default CloudFront certificate is used until a custom domain (with its ACM certificate and TLS 1.2 policy) is attached.',
      ],
    ];
    for (const [finding, reason] of findings) acknowledge(this.distribution, finding, reason);
  }

  /** Lets the pages fetch from `origin` too (Cognito's token endpoint, where they exchange the sign-in code). */
  allowConnectTo(origin: string) {
    this.connectOrigins.push(origin);
  }

  /** `/api/*` goes to the HTTP API, uncached, so the pages call it on their own origin. */
  serveApi(api: IHttpApi) {
    const { region } = Stack.of(this);
    this.distribution.addBehavior('/api/*', new HttpOrigin(`${api.apiId}.execute-api.${region}.amazonaws.com`), {
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      responseHeadersPolicy: securityHeadersPolicy(this, 'ApiHeaders', renderCsp(API_CSP)),
    });
  }

  /**
   * Copies the built pages and their `config.json` (values resolved at deploy time) into the bucket. Without a
   * build (web/dist), the stack still synthesises, with no pages to deploy.
   */
  deployPages(config: Record<string, string>) {
    if (!existsSync(WEB_DIST)) return;
    new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(WEB_DIST), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      // Else CDK's managed log group for its helper keeps logs forever.
      logGroup: new LogGroup(this, 'DeploymentLogs', {
        retention: RetentionDays.THREE_MONTHS,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    // CDK's deployment helper is one function per stack, outside this construct.
    const stack = Stack.of(this);
    const deployer = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!deployer) throw new Error("CDK's bucket deployment helper was not found");
    acknowledge(deployer, 'AwsSolutions-L1', "CDK's own deployment helper; its runtime follows the CDK version.");
    acknowledge(
      deployer,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      "Only lets CDK's deployment helper write its own logs.",
    );
    for (const finding of [
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      'Resource::*',
      `Resource::${arnInFinding(this.bucket)}/*`,
    ]) {
      acknowledge(
        deployer,
        `AwsSolutions-IAM5[${finding}]`,
        "CDK's deployment helper copies the built pages into the site bucket and invalidates CloudFront.",
      );
    }
    // As cdk-nag writes them: a literal when CDK knows it (partition literals, an explicit account), else a token.
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
    acknowledge(
      deployer,
      `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::cdk-hnb659fds-assets-${account}-${stack.region}/*]`,
      "CDK's deployment helper reads the pages from the bootstrap assets bucket.",
    );
  }
}

/**
 * The shared definition as a CloudFront policy. `override`: CloudFront's value wins over the origin's, so an answer
 * (an S3 object, a Lambda error) cannot go out without them or with others.
 */
function securityHeadersPolicy(scope: Construct, id: string, contentSecurityPolicy: string) {
  return new ResponseHeadersPolicy(scope, id, {
    comment: 'Security headers of shared/security-headers.ts',
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: oneOf(HeadersFrameOption, FRAME_OPTIONS), override: true },
      referrerPolicy: { referrerPolicy: oneOf(HeadersReferrerPolicy, REFERRER_POLICY), override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(HSTS.maxAgeSeconds),
        includeSubdomains: HSTS.includeSubDomains,
        override: true,
      },
    },
    customHeadersBehavior: {
      customHeaders: [{ header: 'Permissions-Policy', value: PERMISSIONS_POLICY, override: true }],
    },
  });
}

/** The CDK enum member whose value is `value`; a value CloudFront cannot send fails the synth. */
function oneOf<E extends string>(members: Record<string, E>, value: string): E {
  const found = Object.values(members).find((m) => m === value);
  if (!found) throw new Error(`CloudFront cannot send ${value}`);
  return found;
}
