/**
 * The Cognito staff directory, against a recording fake of the SDK client: the commands it sends (the ones the
 * stack grants, infra/constructs/app-function.ts) and how it reads Cognito's answers back as accounts.
 */
import { describe, expect, it } from 'vitest';
import {
  UserNotFoundException,
  UsernameExistsException,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoStaffDirectory, type CognitoSend } from '#adapters/cognito/staff-directory';
import { STAFF_DIRECTORY_ACTIONS } from '../../infra/constructs/app-function.ts';

const POOL = 'ca-central-1_Abc123';
type Sent = { command: string; input: Record<string, unknown> };

/** Answers each command by name; records what was sent. Inputs are read as text: names, tokens, groups. */
function fakeCognito(answers: Record<string, (input: Record<string, string>) => unknown>) {
  const sent: Sent[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      sent.push({ command: name, input: command.input });
      const answer = answers[name];
      if (!answer) throw new Error(`unexpected ${name}`);
      return answer(command.input as Record<string, string>);
    },
  } as unknown as CognitoSend;
  return { client, sent };
}

const user = (sub: string, email: string, extra: Partial<UserType> = {}): UserType => ({
  Username: sub,
  Attributes: [
    { Name: 'sub', Value: sub },
    { Name: 'email', Value: email },
  ],
  UserCreateDate: new Date('2027-01-15T14:00:00Z'),
  Enabled: true,
  UserStatus: 'CONFIRMED',
  ...extra,
});

describe('the Cognito staff directory', () => {
  it('invites with AdminCreateUser (Cognito emails the temporary password), then adds the role’s group', async () => {
    const { client, sent } = fakeCognito({
      AdminCreateUser: (i) => ({ User: user('s-1', i.Username, { UserStatus: 'FORCE_CHANGE_PASSWORD' }) }),
      AdminAddUserToGroup: () => ({}),
    });
    const out = await new CognitoStaffDirectory(POOL, client).invite({
      email: 'marie@example.org',
      role: 'partner',
      partnerId: 'niska',
      name: 'Marie Gagnon',
      locale: 'fr',
    });
    expect(sent).toEqual([
      {
        command: 'AdminCreateUser',
        input: {
          UserPoolId: POOL,
          Username: 'marie@example.org',
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [
            { Name: 'email', Value: 'marie@example.org' },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'locale', Value: 'fr' },
            { Name: 'name', Value: 'Marie Gagnon' },
          ],
        },
      },
      {
        command: 'AdminAddUserToGroup',
        input: { UserPoolId: POOL, Username: 'marie@example.org', GroupName: 'partner-niska' },
      },
    ]);
    expect(out).toEqual({
      kind: 'invited',
      account: {
        email: 'marie@example.org',
        role: 'partner',
        partnerId: 'niska',
        status: 'invited',
        createdAt: '2027-01-15T14:00:00.000Z',
      },
    });
  });

  it('answers already-exists, and adds no group, when the address has an account', async () => {
    const { client, sent } = fakeCognito({
      AdminCreateUser: () => {
        throw new UsernameExistsException({ message: 'User account already exists', $metadata: {} });
      },
    });
    const out = await new CognitoStaffDirectory(POOL, client).invite({
      email: 'marie@example.org',
      role: 'coordination',
      locale: 'en',
    });
    expect(out).toEqual({ kind: 'already-exists' });
    expect(sent.map((s) => s.command)).toEqual(['AdminCreateUser']);
  });

  it('lists every user, page by page, with the role its group gives and its status', async () => {
    const { client } = fakeCognito({
      ListUsers: (i) =>
        i.PaginationToken
          ? { Users: [user('s-3', 'parti@example.org', { Enabled: false })] }
          : {
              Users: [
                user('s-2', 'zoe@example.org', { UserStatus: 'FORCE_CHANGE_PASSWORD' }),
                user('s-1', 'chef@centraide-mtl.org'),
              ],
              PaginationToken: 'p2',
            },
      ListUsersInGroup: (i) => ({
        Users:
          i.GroupName === 'coordination'
            ? [user('s-1', '')]
            : i.GroupName === 'partner-dynamo'
              ? [user('s-2', '')]
              : [],
      }),
    });
    expect(await new CognitoStaffDirectory(POOL, client).list()).toEqual([
      {
        email: 'chef@centraide-mtl.org',
        role: 'coordination',
        status: 'active',
        createdAt: '2027-01-15T14:00:00.000Z',
      },
      { email: 'parti@example.org', role: null, status: 'disabled', createdAt: '2027-01-15T14:00:00.000Z' },
      {
        email: 'zoe@example.org',
        role: 'partner',
        partnerId: 'dynamo',
        status: 'invited',
        createdAt: '2027-01-15T14:00:00.000Z',
      },
    ]);
  });

  it('revokes: disables the user, then takes them out of each of their groups', async () => {
    const { client, sent } = fakeCognito({
      AdminDisableUser: () => ({}),
      AdminListGroupsForUser: () => ({ Groups: [{ GroupName: 'partner-niska' }] }),
      AdminRemoveUserFromGroup: () => ({}),
    });
    expect(await new CognitoStaffDirectory(POOL, client).revoke('marie@example.org')).toEqual({ kind: 'revoked' });
    expect(sent.map((s) => [s.command, s.input.GroupName])).toEqual([
      ['AdminDisableUser', undefined],
      ['AdminListGroupsForUser', undefined],
      ['AdminRemoveUserFromGroup', 'partner-niska'],
    ]);
    const missing = fakeCognito({
      AdminDisableUser: () => {
        throw new UserNotFoundException({ message: 'User does not exist.', $metadata: {} });
      },
    });
    expect(await new CognitoStaffDirectory(POOL, missing.client).revoke('x@example.org')).toEqual({
      kind: 'not-found',
    });
  });

  it('sends only commands the stack grants the API function', async () => {
    const { client, sent } = fakeCognito({
      AdminCreateUser: (i) => ({ User: user('s-1', i.Username) }),
      AdminAddUserToGroup: () => ({}),
      ListUsers: () => ({ Users: [] }),
      ListUsersInGroup: () => ({ Users: [] }),
      AdminDisableUser: () => ({}),
      AdminListGroupsForUser: () => ({ Groups: [{ GroupName: 'coordination' }] }),
      AdminRemoveUserFromGroup: () => ({}),
    });
    const directory = new CognitoStaffDirectory(POOL, client);
    await directory.invite({ email: 'a@example.org', role: 'coordination', locale: 'fr' });
    await directory.list();
    await directory.revoke('a@example.org');
    expect([...new Set(sent.map((s) => `cognito-idp:${s.command}`))].sort()).toEqual(
      [...STAFF_DIRECTORY_ACTIONS].sort(),
    );
  });
});
