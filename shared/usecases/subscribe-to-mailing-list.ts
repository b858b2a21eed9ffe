/**
 * The mailing list: opt-in confirmed by a link, the consent recorded (when, from where, the wording shown). The
 * links the list mails are signed for one action and one address.
 */
import type { Locale } from '#email/render';
import type { Deps } from '#shared/ports';
import { signAction, verifyAction } from '#shared/ids';
import { mailQuotaTx, quotaSpent } from './abuse-limits.ts';

export const CONSENT_WORDING = {
  fr: "J'accepte de recevoir par courriel les bulletins et invitations du Projet impact collectif (PIC) de Centraide. Je peux me désabonner en tout temps.",
  en: 'I agree to receive the Centraide Projet impact collectif (PIC) newsletters and invitations by email. I can unsubscribe at any time.',
};

type ListAction = 'confirm' | 'unsubscribe';
const listFields = (action: ListAction, email: string) => ['mailing-list', action, email];
export const mailingListLink = (deps: Deps, page: string, action: ListAction, email: string) => {
  const sig = signAction(deps.config.linkSecret, listFields(action, email));
  return `${deps.config.publicBaseUrl}/#/${page}?e=${encodeURIComponent(email)}&sig=${sig}`;
};
export const mailingListLinkValid = (deps: Deps, action: ListAction, email: string, signature: string) =>
  verifyAction(deps.config.linkSecret, listFields(action, email), signature);

export async function subscribe(
  deps: Deps,
  input: { email: string; locale: Locale },
  origin: { ip?: string; userAgent?: string },
  operationId?: string,
) {
  const email = input.email.toLowerCase();
  const now = deps.clock.now();
  const at = now.toISOString();
  const existing = await deps.repos.community.subscriber(email);
  if (existing?.status === 'confirmed') return { kind: 'confirmed' as const };
  // The form is public: each sign-up sends a confirmation, so a few per address and hour, no more.
  const written = await deps.tx.commit([
    deps.repos.community.signUp({
      email,
      status: 'pending',
      locale: input.locale,
      consent: {
        requestedAt: at,
        ip: origin.ip,
        userAgent: origin.userAgent?.slice(0, 200),
        wording: CONSENT_WORDING[input.locale],
        locale: input.locale,
      },
    }),
    deps.repos.outbox.enqueue(
      {
        id: operationId && `subscribe-${operationId}`,
        template: 'subscription-confirm',
        to: [email],
        locale: input.locale,
        data: { confirmUrl: mailingListLink(deps, 'confirmation', 'confirm', email) },
      },
      now,
    ),
    mailQuotaTx(deps, 'subscription-confirm', email, now),
  ]);
  return quotaSpent(written) ? { kind: 'too-many-emails' as const } : { kind: 'pending' as const };
}

export async function confirmSubscription(deps: Deps, email: string, signature: string, origin: { ip?: string }) {
  const e = email.toLowerCase();
  if (!mailingListLinkValid(deps, 'confirm', e, signature)) return { kind: 'invalid-link' as const };
  const at = deps.clock.now().toISOString();
  const done = await deps.tx.commit([deps.repos.community.confirm(e, { at, ip: origin.ip })]);
  return done.ok ? { kind: 'confirmed' as const } : { kind: 'invalid-link' as const };
}
