/**
 * Retention (issue 19, Law 25): personal data is kept the settings' number of years after a request closes or a
 * session takes place, then anonymised by the daily job. Idempotent: an anonymised record is never found again.
 * The coordination dashboard shows what the next run will anonymise (`retentionPreview`).
 */
import type { Deps } from '#shared/ports';
import type { RequestBase } from '#domain/request-states';
import { ERASED_EMAIL, ERASED_NAME, retentionCutoff } from '#domain/privacy';
import { localDateAt } from '#domain/program-year';
import { newId } from '#shared/ids';

const ERASED = { name: ERASED_NAME, email: ERASED_EMAIL };
const DEAD_TOKEN_HASH = 'erased';
const REASON = 'retention';

type RetentionDeps = Pick<Deps, 'repos' | 'clock' | 'settings'>;

/** The records past their retention: requests closed and sessions held before the cutoff, not yet anonymised. */
async function pastRetention(deps: RetentionDeps) {
  const cutoff = retentionCutoff(deps.clock.now(), await deps.settings());
  const cutoffDate = localDateAt(new Date(cutoff));
  const [requests, sessions] = await Promise.all([
    deps.repos.requests.closedBefore<RequestBase>(cutoff),
    deps.repos.sessions.list(),
  ]);
  const registrations = (
    await Promise.all(sessions.filter((s) => s.date < cutoffDate).map((s) => deps.repos.sessions.registrations(s.id)))
  )
    .flat()
    .filter((r) => r.email !== ERASED_EMAIL);
  return { cutoff, requests, registrations };
}

/** What the next run will anonymise, as counts (and the cutoff it applies). */
export async function retentionPreview(deps: RetentionDeps) {
  const { cutoff, requests, registrations } = await pastRetention(deps);
  return { cutoff, requests: requests.length, registrations: registrations.length };
}

/** The daily step: every record past its retention anonymised, one transaction per record. */
export async function applyRetention(deps: RetentionDeps & Pick<Deps, 'tx'>) {
  const { requests, registrations } = await pastRetention(deps);
  const at = deps.clock.now().toISOString();
  const { repos } = deps;
  let anonymised = 0;
  for (const r of requests) {
    const result = await deps.tx.commit([
      repos.requests.change(r, {
        set: { contact: { ...ERASED }, statusTokenHash: DEAD_TOKEN_HASH },
        // Reopened meanwhile (a status change moves `updatedAt`): its retention starts again.
        while: { updatedAt: r.updatedAt },
      }),
      repos.requests.audit(r.id, { at, event: 'erased', by: 'system', reason: REASON }),
    ]);
    if (result.ok) anonymised++;
  }
  for (const reg of registrations) {
    const result = await deps.tx.commit(repos.sessions.anonymiseRegistration(reg, ERASED));
    if (result.ok) anonymised++;
  }
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
  return { requests: requests.length, registrations: registrations.length, anonymised };
}
