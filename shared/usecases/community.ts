/**
 * Topic proposals for the practice-exchange workshops, and the mailing list: opt-in confirmed by a link, the
 * consent recorded (when, from where, the wording shown), a one-click unsubscribe on every bulk message.
 */
import { keys } from '#adapters/dynamodb/keys';
import { cond } from '#adapters/dynamodb/expressions';
import type { TxItem } from '#adapters/dynamodb/store';
import type { Deps } from '#shared/ports';
import type { Locale } from '#email/render';
import { newId, signAction, verifyAction } from '#shared/ids';
import { outboxPut } from './outbox.ts';
import { getQuartier } from './quartiers.ts';
import { listRegistrations } from './activities.ts';
import { mailQuotaTx, quotaSpent } from './abuse-limits.ts';

export const CONSENT_WORDING = {
  fr: "J'accepte de recevoir par courriel les bulletins et invitations du Projet impact collectif (PIC) de Centraide. Je peux me désabonner en tout temps.",
  en: 'I agree to receive the Centraide Projet impact collectif (PIC) newsletters and invitations by email. I can unsubscribe at any time.',
};

export async function proposeTopic(
  deps: Deps,
  input: { name: string; email: string; quartierId?: string; topic: string; details?: string; locale: Locale },
  operationId?: string,
) {
  const now = deps.clock.now();
  const id = operationId ? `proposal-${operationId}` : newId(now.getTime());
  const quartier = input.quartierId ? await getQuartier(deps, input.quartierId) : undefined;
  // With an operation id, a run repeated after a crash finds the first proposal and writes nothing (nor emails).
  await deps.store.transact([
    {
      put: {
        ...keys.proposal(id),
        ...keys.proposalIndex(now.toISOString()),
        id,
        ...input,
        createdAt: now.toISOString(),
      },
      when: cond.notExists(),
    },
    outboxPut(
      {
        template: 'topic-proposal',
        to: [deps.config.mail.team],
        subjectRef: id,
        data: {
          name: input.name,
          email: input.email,
          quartierName: quartier?.name,
          topic: input.topic,
          details: input.details,
        },
      },
      now,
    ),
  ]);
  return { id };
}

export async function listProposals(deps: Deps) {
  const items = await deps.store.query<Record<string, unknown>>({ ...keys.proposalsList(), forward: false });
  return items.map(({ pk, sk, gsi1pk, gsi1sk, ...p }) => p);
}

const listFields = (action: string, email: string) => ['mailing-list', action, email];
const link = (deps: Deps, page: string, action: string, email: string) =>
  `${deps.config.publicBaseUrl}/#/${page}?e=${encodeURIComponent(email)}&sig=${signAction(deps.config.linkSecret, listFields(action, email))}`;
export const unsubscribeUrl = (deps: Deps, email: string) => link(deps, 'desabonnement', 'unsubscribe', email);

type Subscriber = { email: string; status: 'pending' | 'confirmed' | 'unsubscribed'; locale: Locale };

export async function subscribe(
  deps: Deps,
  input: { email: string; locale: Locale },
  origin: { ip?: string; userAgent?: string },
  operationId?: string,
) {
  const email = input.email.toLowerCase();
  const now = deps.clock.now();
  const at = now.toISOString();
  const existing = await deps.store.get<Subscriber>(keys.subscriber(email));
  if (existing?.status === 'confirmed') return { kind: 'confirmed' as const };
  // The form is public: each sign-up sends a confirmation, so a few per address and hour, no more.
  const written = await deps.store.transact([
    {
      put: {
        ...keys.subscriber(email),
        ...keys.subscriberIndex('pending', email),
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
      },
    },
    outboxPut(
      {
        id: operationId && `subscribe-${operationId}`,
        template: 'subscription-confirm',
        to: [email],
        locale: input.locale,
        data: { confirmUrl: link(deps, 'confirmation', 'confirm', email) },
      },
      now,
    ),
    mailQuotaTx('subscription-confirm', email, now),
  ]);
  return quotaSpent(written) ? { kind: 'too-many-emails' as const } : { kind: 'pending' as const };
}

export async function confirmSubscription(deps: Deps, email: string, signature: string, origin: { ip?: string }) {
  const e = email.toLowerCase();
  if (!verifyAction(deps.config.linkSecret, listFields('confirm', e), signature))
    return { kind: 'invalid-link' as const };
  const at = deps.clock.now().toISOString();
  const done = await deps.store.update(
    keys.subscriber(e),
    {
      set: {
        status: 'confirmed',
        'consent.confirmedAt': at,
        'consent.confirmedIp': origin.ip,
        ...keys.subscriberIndex('confirmed', e),
      },
    },
    cond.eq('status', 'pending'),
  );
  return done ? { kind: 'confirmed' as const } : { kind: 'invalid-link' as const };
}

export async function unsubscribe(deps: Deps, email: string, signature: string) {
  const e = email.toLowerCase();
  if (!verifyAction(deps.config.linkSecret, listFields('unsubscribe', e), signature))
    return { kind: 'invalid-link' as const };
  const at = deps.clock.now().toISOString();
  // Also records addresses that were never on the list (a registrant), so later bulk messages skip them.
  await deps.store.update(keys.subscriber(e), {
    set: { email: e, status: 'unsubscribed', unsubscribedAt: at, ...keys.subscriberIndex('unsubscribed', e) },
    setIfAbsent: { locale: 'fr' },
  });
  return { kind: 'unsubscribed' as const };
}

/** A bulk message through the outbox (the notifier applies the SES send rate). Unsubscribed addresses are skipped. */
export async function sendBulk(
  deps: Deps,
  input: {
    audience: 'session-registrants' | 'session-waitlist' | 'mailing-list';
    sessionId?: string;
    subject: string;
    body: string;
  },
  operationId?: string,
) {
  let recipients: Array<{ email: string; locale: Locale }>;
  if (input.audience === 'mailing-list') {
    recipients = (await deps.store.query<Subscriber>(keys.subscribersByStatus('confirmed'))).map((s) => ({
      email: s.email,
      locale: s.locale,
    }));
  } else {
    if (!input.sessionId) return { kind: 'not-found' as const };
    const want = input.audience === 'session-registrants' ? 'registered' : 'waitlisted';
    recipients = (await listRegistrations(deps, input.sessionId))
      .filter((r) => r.status === want)
      .map((r) => ({ email: r.email, locale: r.locale }));
  }
  const suppressed = new Set(
    (await deps.store.query<Subscriber>(keys.subscribersByStatus('unsubscribed'))).map((s) => s.email),
  );
  const now = deps.clock.now();
  // With an operation id, message ids repeat when a run is repeated after a crash, and the outbox refuses copies.
  const batchId = operationId ?? newId(now.getTime());
  const messages: TxItem[] = recipients
    .filter((r) => !suppressed.has(r.email))
    .map((r, i) =>
      outboxPut(
        {
          id: `bulk-${batchId}-${i}`,
          template: 'bulk',
          bulk: true,
          to: [r.email],
          locale: r.locale,
          subjectRef: batchId,
          data: { subject: input.subject, body: input.body, unsubscribeUrl: unsubscribeUrl(deps, r.email) },
        },
        now,
      ),
    );
  for (let i = 0; i < messages.length; i += 50) await deps.store.transact(messages.slice(i, i + 50));
  return { kind: 'queued' as const, batchId, recipients: messages.length };
}
