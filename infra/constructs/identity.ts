/** Staff sign-in: a Cognito user pool with one group per role, its hosted domain, and the pages' client. */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  Mfa,
  OAuthScope,
  type UserPoolClient,
  type UserPoolDomain,
  UserPool,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { PartnerIdSchema } from '../../shared/schemas.ts';
import { acknowledge } from './nag.ts';

/** The groups shared/auth.ts reads from a token: coordination, and one per partner. */
const GROUPS = ['coordination', ...PartnerIdSchema.options.map((p) => `partner-${p}`)];
const TEMPORARY_PASSWORD_DAYS = 7;

/**
 * The email Cognito sends with the temporary password when coordination invites someone (AdminCreateUser from
 * `npm run invite` or the access page). One template for the pool, so both languages, French first. It names no
 * address: the site's is CloudFront's, and the site's headers already name the pool's domain (a cycle).
 */
export function invitationEmail() {
  const days = TEMPORARY_PASSWORD_DAYS;
  return {
    emailSubject: "PIC — Votre accès à l'espace équipe / Your PIC staff access",
    emailBody: [
      '<p>Bonjour,</p>',
      "<p>L'équipe du Projet impact collectif (PIC) vous ouvre un accès à l'espace équipe de son site.</p>",
      '<p>Identifiant : <strong>{username}</strong><br>Mot de passe temporaire : <strong>{####}</strong></p>',
      '<p>Sur le site du PIC, choisissez « Espace équipe » puis connectez-vous : vous choisirez alors votre propre',
      `mot de passe. Le mot de passe temporaire est valide ${days} jours ; passé ce délai, demandez à l'équipe de`,
      "coordination de vous renvoyer l'invitation.</p>",
      '<hr>',
      '<p lang="en">Hello,</p>',
      '<p lang="en">The Projet impact collectif (PIC) team is giving you access to the staff area of its site.</p>',
      '<p lang="en">Username: <strong>{username}</strong><br>Temporary password: <strong>{####}</strong></p>',
      '<p lang="en">On the PIC site, choose “Staff area” (« Espace équipe ») and sign in: you will then choose your',
      `own password. The temporary password is valid for ${days} days; after that, ask the coordination team to`,
      'send the invitation again.</p>',
    ].join('\n'),
  };
}

export class Identity extends Construct {
  readonly users: UserPool;
  readonly domain: UserPoolDomain;
  readonly client: UserPoolClient;
  /** The token issuer the API's authorizer and the functions check. */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: { stage: string; siteUrl: string }) {
    super(scope, id);
    const { account, region } = Stack.of(this);
    this.users = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(TEMPORARY_PASSWORD_DAYS),
      },
      userInvitation: invitationEmail(),
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.users,
      'AwsSolutions-COG2',
      'MFA is offered (TOTP); a handful of staff accounts, enforced by policy rather than by the pool.',
    );
    acknowledge(
      this.users,
      'AwsSolutions-COG3',
      'Advanced security (Plus plan) is not needed for a few staff accounts created by the coordination team.',
    );
    acknowledge(
      this.users,
      'AwsSolutions-COG8',
      'The Plus feature plan is not needed for a few staff accounts created by the coordination team.',
    );
    this.domain = this.users.addDomain('Domain', {
      cognitoDomain: { domainPrefix: `pic-${props.stage}-${account}`.slice(0, 60) },
    });
    for (const group of GROUPS) {
      new CfnUserPoolGroup(this, `Group-${group}`, { userPoolId: this.users.userPoolId, groupName: group });
    }
    this.client = this.users.addClient('Web', {
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [`${props.siteUrl}/`],
        logoutUrls: [`${props.siteUrl}/`],
      },
      preventUserExistenceErrors: true,
    });
    this.issuer = `https://cognito-idp.${region}.amazonaws.com/${this.users.userPoolId}`;
  }

  /** What the pages read from config.json to reach the hosted sign-in. */
  pageConfig(siteUrl: string) {
    return {
      cognitoDomain: `${this.domain.domainName}.auth.${Stack.of(this).region}.amazoncognito.com`,
      clientId: this.client.userPoolClientId,
      redirectUri: `${siteUrl}/`,
    };
  }
}
