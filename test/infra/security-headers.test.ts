/**
 * CloudFront sends the security headers of shared/security-headers.ts, the ones the local gateway sends
 * (test/local/security-headers.test.ts): read back from the synthesized template as the headers they become.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PicStack } from '../../infra/stacks/pic-stack.ts';
import { API_ROUTES } from '../../infra/api-routes.ts';
import { API_SECURITY_HEADERS, pageSecurityHeaders } from '#shared/security-headers';

const ROOT = join(import.meta.dirname, '..', '..');

type Header = { Override?: boolean };
type PolicyConfig = {
  SecurityHeadersConfig: {
    StrictTransportSecurity: Header & {
      AccessControlMaxAgeSec: number;
      IncludeSubdomains?: boolean;
      Preload?: boolean;
    };
    ContentTypeOptions: Header;
    ReferrerPolicy: Header & { ReferrerPolicy: string };
    FrameOptions: Header & { FrameOption: string };
    ContentSecurityPolicy: Header & { ContentSecurityPolicy: unknown };
  };
  CustomHeadersConfig?: { Items: Array<Header & { Header: string; Value: string }> };
};
type Policy = { Properties: { ResponseHeadersPolicyConfig: PolicyConfig } };
type Behaviour = { PathPattern?: string; ResponseHeadersPolicyId?: { Ref: string } };
type Distribution = {
  Properties: { DistributionConfig: { DefaultCacheBehavior: Behaviour; CacheBehaviors: Behaviour[] } };
};
let template: Template;

beforeAll(() => {
  const context = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')).context;
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  const stack = new PicStack(app, 'Pic-test', {
    stage: 'test',
    env: { account: '111111111111', region: 'ca-central-1' },
    mailFrom: 'pic@centraide-mtl.org',
    teamEmail: 'pic@centraide-mtl.org',
    apiRoutes: API_ROUTES,
  });
  template = Template.fromStack(stack);
});

/** A template value as text, a reference written `<Ref:LogicalId>`. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (v.Ref) return `<Ref:${v.Ref}>`;
  if (v['Fn::Join']) return v['Fn::Join'][1].map(text).join(v['Fn::Join'][0]);
  throw new Error(`unexpected template value ${JSON.stringify(value)}`);
}

/** The headers a response-headers policy makes CloudFront send, named as the gateway names them. */
function headersSent(policy: Policy): Record<string, string> {
  const { SecurityHeadersConfig: s, CustomHeadersConfig: c } = policy.Properties.ResponseHeadersPolicyConfig;
  const hsts = s.StrictTransportSecurity;
  const sent: Record<string, string> = {
    'strict-transport-security': `max-age=${hsts.AccessControlMaxAgeSec}${hsts.IncludeSubdomains ? '; includeSubDomains' : ''}${hsts.Preload ? '; preload' : ''}`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': s.ReferrerPolicy.ReferrerPolicy,
    'x-frame-options': s.FrameOptions.FrameOption,
    'content-security-policy': text(s.ContentSecurityPolicy.ContentSecurityPolicy),
  };
  for (const h of c?.Items ?? []) sent[h.Header.toLowerCase()] = h.Value;
  return sent;
}

/** Every header of the policy replaces the origin's: no answer goes out with other values. */
function overridesAll(policy: Policy) {
  const { SecurityHeadersConfig: s, CustomHeadersConfig: c } = policy.Properties.ResponseHeadersPolicyConfig;
  return [...Object.values(s), ...(c?.Items ?? [])].every((h) => h.Override === true);
}

describe('CloudFront', () => {
  const behaviours = () => {
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as Distribution[];
    const config = distribution.Properties.DistributionConfig;
    const policies = template.findResources('AWS::CloudFront::ResponseHeadersPolicy') as Record<string, Policy>;
    const policyOf = (behaviour?: Behaviour) => policies[behaviour?.ResponseHeadersPolicyId?.Ref ?? 'none'];
    const api = config.CacheBehaviors.find((b) => b.PathPattern === '/api/*');
    return { site: policyOf(config.DefaultCacheBehavior), api: policyOf(api) };
  };

  it('sends the pages’ headers on the site, its CSP letting the pages reach the hosted sign-in’s token endpoint', () => {
    const { site } = behaviours();
    expect(site, 'the default behaviour has a response-headers policy').toBeDefined();
    const [domain] = Object.keys(template.findResources('AWS::Cognito::UserPoolDomain'));
    expect(headersSent(site)).toEqual(
      pageSecurityHeaders([`https://<Ref:${domain}>.auth.ca-central-1.amazoncognito.com`]),
    );
    expect(overridesAll(site)).toBe(true);
  });

  it('sends the API’s headers on /api/*, the ones the API handler sends', () => {
    const { api } = behaviours();
    expect(api, 'the /api/* behaviour has a response-headers policy').toBeDefined();
    expect(headersSent(api)).toEqual(API_SECURITY_HEADERS);
    expect(overridesAll(api)).toBe(true);
  });
});
