/** A one-click unsubscribe, linked from every bulk message. */
import type { Deps } from '#shared/ports';
import { mailingListLink, mailingListLinkValid } from './subscribe-to-mailing-list.ts';

export const unsubscribeUrl = (deps: Deps, email: string) =>
  mailingListLink(deps, 'desabonnement', 'unsubscribe', email);

export async function unsubscribe(deps: Deps, email: string, signature: string) {
  const e = email.toLowerCase();
  if (!mailingListLinkValid(deps, 'unsubscribe', e, signature)) return { kind: 'invalid-link' as const };
  // Also records addresses that were never on the list (a registrant), so later bulk messages skip them.
  await deps.tx.commit([deps.repos.community.unsubscribe(e, deps.clock.now().toISOString())]);
  return { kind: 'unsubscribed' as const };
}
