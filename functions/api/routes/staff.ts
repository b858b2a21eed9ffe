/** Who has access to the staff pages: coordination lists, invites and revokes staff accounts. */
import { json, route, type Route } from '#shared/http';
import { StaffAccountSchema, StaffInviteSchema, StaffListSchema, StaffRevokedSchema } from '#shared/schemas';
import { staffDirectory } from '#adapters/staff-directory';
import { outcomeResponse } from '../outcomes.ts';

export const staffRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/staff',
    auth: 'coordination',
    tag: 'staff',
    response: StaffListSchema,
    summary: 'Who has access to the staff pages (accounts, roles, status)',
    handle: async (_req, deps) => json(200, await (await staffDirectory(deps)).list()),
  }),
  route({
    method: 'POST',
    path: '/api/staff',
    auth: 'coordination',
    tag: 'staff',
    status: 201,
    refuses: [409],
    response: StaffAccountSchema,
    summary: 'Invite a staff member (in AWS, Cognito emails a temporary password)',
    body: StaffInviteSchema,
    handle: async (req, deps) => {
      const out = await (await staffDirectory(deps)).invite(req.body);
      return out.kind === 'invited' ? json(201, out.account) : outcomeResponse('staff-already-exists', req.locale);
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/staff/{email}',
    auth: 'coordination',
    tag: 'staff',
    response: StaffRevokedSchema,
    summary: 'Revoke access: the account is disabled and leaves every group',
    handle: async (req, deps) => {
      const email = req.params.email.toLowerCase();
      const out = await (await staffDirectory(deps)).revoke(email);
      return out.kind === 'revoked'
        ? json(200, { email, status: 'disabled' })
        : outcomeResponse('not-found', req.locale);
    },
  }),
];
