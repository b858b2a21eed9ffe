/**
 * The staff directory in AWS: Cognito's user pool. An invitation is AdminCreateUser (Cognito emails the temporary
 * password with the pool's bilingual invitation template, infra/constructs/identity.ts) and the role's group; the
 * list reads the users and each role's group; revoking disables the user and takes them out of every group.
 * The API function may call exactly these actions on this pool (AppFunction.useStaffDirectory).
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  UserNotFoundException,
  UsernameExistsException,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { roleOfGroups, staffGroup } from '#shared/auth';
import { PartnerIdSchema } from '#shared/schemas';
import type { StaffAccount, StaffDirectory, StaffInvitation, StaffStatus } from '#shared/ports';

/** Every group a role can be: coordination and one per partner (the groups the stack creates). */
export const STAFF_GROUPS = ['coordination', ...PartnerIdSchema.options.map((p) => staffGroup('partner', p))];

/** What the adapter sends: the SDK client, or a fake in tests. */
export type CognitoSend = Pick<CognitoIdentityProviderClient, 'send'>;

const attribute = (user: UserType, name: string) => user.Attributes?.find((a) => a.Name === name)?.Value;

function statusOf(user: UserType): StaffStatus {
  if (user.Enabled === false) return 'disabled';
  return user.UserStatus === 'FORCE_CHANGE_PASSWORD' ? 'invited' : 'active';
}

function accountOf(user: UserType, groups: readonly string[]): StaffAccount {
  const role = roleOfGroups(groups);
  const name = attribute(user, 'name');
  return {
    email: attribute(user, 'email') ?? user.Username ?? '',
    role: role?.role ?? null,
    ...(role?.role === 'partner' ? { partnerId: role.partnerId } : {}),
    ...(name ? { name } : {}),
    status: statusOf(user),
    createdAt: user.UserCreateDate?.toISOString() ?? '',
  };
}

export class CognitoStaffDirectory implements StaffDirectory {
  constructor(
    private readonly userPoolId: string,
    private readonly client: CognitoSend = new CognitoIdentityProviderClient({ maxAttempts: 3 }),
  ) {}

  async invite(invitation: StaffInvitation) {
    const UserPoolId = this.userPoolId;
    const group = staffGroup(invitation.role, invitation.partnerId);
    let user: UserType | undefined;
    try {
      // The pool signs in by email: the address is the username, and the invitation goes to it.
      ({ User: user } = await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId,
          Username: invitation.email,
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [
            { Name: 'email', Value: invitation.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'locale', Value: invitation.locale },
            ...(invitation.name ? [{ Name: 'name', Value: invitation.name }] : []),
          ],
        }),
      ));
    } catch (e) {
      if (e instanceof UsernameExistsException) return { kind: 'already-exists' as const };
      throw e;
    }
    await this.client.send(
      new AdminAddUserToGroupCommand({ UserPoolId, Username: invitation.email, GroupName: group }),
    );
    return { kind: 'invited' as const, account: accountOf(user ?? { Username: invitation.email }, [group]) };
  }

  async list() {
    const UserPoolId = this.userPoolId;
    const users: UserType[] = [];
    let PaginationToken: string | undefined;
    do {
      const out = await this.client.send(new ListUsersCommand({ UserPoolId, PaginationToken, Limit: 60 }));
      users.push(...(out.Users ?? []));
      PaginationToken = out.PaginationToken;
    } while (PaginationToken);
    const groupsOf = new Map<string, string[]>();
    await Promise.all(
      STAFF_GROUPS.map(async (GroupName) => {
        let NextToken: string | undefined;
        do {
          const out = await this.client.send(
            new ListUsersInGroupCommand({ UserPoolId, GroupName, NextToken, Limit: 60 }),
          );
          for (const u of out.Users ?? []) groupsOf.set(u.Username!, [...(groupsOf.get(u.Username!) ?? []), GroupName]);
          NextToken = out.NextToken;
        } while (NextToken);
      }),
    );
    return users
      .map((u) => accountOf(u, groupsOf.get(u.Username!) ?? []))
      .sort((a, b) => a.email.localeCompare(b.email));
  }

  async revoke(email: string) {
    const UserPoolId = this.userPoolId;
    try {
      await this.client.send(new AdminDisableUserCommand({ UserPoolId, Username: email }));
      let NextToken: string | undefined;
      const groups: string[] = [];
      do {
        const out = await this.client.send(
          new AdminListGroupsForUserCommand({ UserPoolId, Username: email, NextToken }),
        );
        groups.push(...(out.Groups ?? []).map((g) => g.GroupName!));
        NextToken = out.NextToken;
      } while (NextToken);
      for (const GroupName of groups)
        await this.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId, Username: email, GroupName }));
    } catch (e) {
      if (e instanceof UserNotFoundException) return { kind: 'not-found' as const };
      throw e;
    }
    return { kind: 'revoked' as const };
  }
}
