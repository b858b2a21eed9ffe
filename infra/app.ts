/** `npm run synth`: the CDK app. Offline: no credentials or Docker needed (esbuild bundles the functions). */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PicStack } from './stacks/pic-stack.ts';
import { API_ROUTES } from './api-routes.ts';

const app = new App();
const stage = (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
new PicStack(app, `Pic-${stage}`, {
  stage,
  // Canada by default (Québec's privacy law favours keeping personal data here); `-c region=…` to change.
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: (app.node.tryGetContext('region') as string | undefined) ?? 'ca-central-1',
  },
  mailFrom: (app.node.tryGetContext('mailFrom') as string | undefined) ?? 'pic@centraide-mtl.org',
  teamEmail: (app.node.tryGetContext('teamEmail') as string | undefined) ?? 'pic@centraide-mtl.org',
  alarmEmail: app.node.tryGetContext('alarmEmail') as string | undefined,
  apiRoutes: API_ROUTES,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
