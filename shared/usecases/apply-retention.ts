/**
 * Retention (issue 19, Law 25): personal data is kept the settings' number of years after a request closes or a
 * session takes place, then anonymised by the daily job; topic proposals, addresses off the mailing list (or never
 * confirmed) and emails sent go after the same time. Idempotent: an anonymised record is never found again.
 * The coordination dashboard shows what the next run will anonymise (`retentionPreview`).
 */
import type { Deps, Write } from '#shared/ports';
import type { RequestBase } from '#domain/request-states';
import { ERASED_EMAIL, ERASED_NAME, retentionCutoff } from '#domain/privacy';
import { localDateAt } from '#domain/program-year';
import { newId } from '#shared/ids';

const ERASED = { name: ERASED_NAME, email: ERASED_EMAIL };
const DEAD_TOKEN_HASH = 'erased';
const REASON = 'retention';

type RetentionDeps = Pick<Deps, 'repos' | 'clock' | 'settings'>;

/** The records past their retention, not yet anonymised. */
async function pastRetention(deps: RetentionDeps) {
  const cutoff = retentionCutoff(deps.clock.now(), await deps.settings());
  const cutoffDate = localDateAt(new Date(cutoff));
  const { requests: requestsRepo, sessions: sessionsRepo, community, outbox } = deps.repos;
  const [requests, sessions, proposals, unsubscribed, pending, sent, failed] = await Promise.all([
    requestsRepo.closedBefore<RequestBase>(cutoff),
    sessionsRepo.list(),
    community.proposals(),
    community.subscribersWithStatus('unsubscribed'),
    community.subscribersWithStatus('pending'),
    outbox.withStatus('sent', { until: cutoff }),
    outbox.withStatus('failed', { until: cutoff }),
  ]);
  const held = sessions.filter((s) => s.date < cutoffDate);
  const registrations = (await Promise.all(held.map((s) => sessionsRepo.registrations(s.id))))
    .flat()
    .filter((r) => r.email !== ERASED_EMAIL);
  return {
    cutoff,
    requests,
    registrations,
    proposals: proposals.filter((p) => p.createdAt < cutoff && p.email !== ERASED_EMAIL),
    // An address that left the list, or never confirmed its sign-up: its consent record has served its purpose.
    subscribers: [
      ...unsubscribed.filter((s) => (s.unsubscribedAt ?? '') < cutoff),
      ...pending.filter((s) => (s.consent?.requestedAt ?? '') < cutoff),
    ],
    emails: [...sent, ...failed],
  };
}

/** What the next run will anonymise, as counts (and the cutoff it applies). */
export async function retentionPreview(deps: RetentionDeps) {
  const due = await pastRetention(deps);
  return {
    cutoff: due.cutoff,
    requests: due.requests.length,
    registrations: due.registrations.length,
    others: due.proposals.length + due.subscribers.length + due.emails.length,
  };
}

/** The daily step: every record past its retention anonymised, one transaction per record. */
export async function applyRetention(deps: RetentionDeps & Pick<Deps, 'tx'>) {
  const due = await pastRetention(deps);
  const at = deps.clock.now().toISOString();
  const { repos } = deps;
  const each: Write[][] = [
    ...due.requests.map((r) => [
      repos.requests.change(r, {
        set: { contact: { ...ERASED }, statusTokenHash: DEAD_TOKEN_HASH },
        // Reopened meanwhile (a status change moves `updatedAt`): its retention starts again.
        while: { updatedAt: r.updatedAt },
      }),
      repos.requests.audit(r.id, { at, event: 'erased', by: 'system', reason: REASON }),
    ]),
    ...due.registrations.map((reg) => repos.sessions.anonymiseRegistration(reg, ERASED)),
    ...due.proposals.map((p) => [repos.community.anonymiseProposal(p, ERASED)]),
    ...due.subscribers.map((s) => [repos.community.forgetSubscriber(s.email)]),
    ...due.emails.map((m) => [repos.outbox.forget(m)]),
  ];
  let anonymised = 0;
  for (const writes of each) if ((await deps.tx.commit(writes)).ok) anonymised++;
  if (anonymised > 0)
    await deps.tx.commit([
      repos.privacy.recordErasure({
        id: newId(deps.clock.now().getTime()),
        at,
        by: 'system',
        reason: REASON,
        cause: 'retention',
        records: anonymised,
      }),
    ]);
  return { requests: due.requests.length, registrations: due.registrations.length, anonymised };
}
