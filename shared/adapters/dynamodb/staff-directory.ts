/**
 * The staff directory on this machine, where there is no Cognito: accounts are items of the table, so the API's
 * /api/staff routes, the access page and `npm run invite` behave as in AWS. Nothing here sends an invitation: the
 * local sign-in (/local/sign-in) lets anyone on this machine choose a role.
 */
import { keys } from './keys.ts';
import { cond } from './expressions.ts';
import type { Store } from './store.ts';
import type { Clock, StaffAccount, StaffDirectory, StaffInvitation } from '#shared/ports';

type StaffItem = StaffAccount & { locale: 'fr' | 'en' };

const accountOf = ({ email, role, partnerId, name, status, createdAt }: StaffItem): StaffAccount => ({
  email,
  role: role ?? null,
  ...(partnerId ? { partnerId } : {}),
  ...(name ? { name } : {}),
  status,
  createdAt,
});

export class TableStaffDirectory implements StaffDirectory {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async invite(invitation: StaffInvitation) {
    const item: StaffItem = {
      email: invitation.email,
      role: invitation.role,
      partnerId: invitation.role === 'partner' ? invitation.partnerId : undefined,
      name: invitation.name,
      status: 'invited',
      createdAt: this.clock.now().toISOString(),
      locale: invitation.locale,
    };
    const created = await this.store.put(
      { ...keys.staffAccount(item.email), ...keys.staffIndex(item.email), ...item },
      cond.notExists(),
    );
    return created ? { kind: 'invited' as const, account: accountOf(item) } : { kind: 'already-exists' as const };
  }

  async list() {
    return (await this.store.query<StaffItem>(keys.staffList())).map(accountOf);
  }

  async revoke(email: string) {
    const revoked = await this.store.update(
      keys.staffAccount(email),
      { set: { status: 'disabled', role: null, revokedAt: this.clock.now().toISOString() }, remove: ['partnerId'] },
      cond.exists(),
    );
    return revoked ? { kind: 'revoked' as const } : { kind: 'not-found' as const };
  }
}
