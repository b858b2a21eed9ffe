/**
 * A quartier asks for accompaniment on a learning question (axis 1). A contact on file's request is routed at once,
 * with the quartier's balance in the acknowledgement; any other address's request waits for trust (trust.ts).
 */
import { choosePartner } from '#domain/routing';
import type { LearningRequest } from '#domain/learning-request';
import { localDateAt, previousYear, programYearOf } from '#domain/program-year';
import type { Deps, Write } from '#shared/ports';
import { hashToken, newId, newSecretToken } from '#shared/ids';
import type { LearningRequestInput } from '#shared/schemas';
import { listPartners } from './quartiers.ts';
import { balanceAnswer } from './get-balance.ts';
import { mailQuotaTx, quotaSpent } from './abuse-limits.ts';
import { bodyHash, findIdempotent, idempotencyPut, verificationEmail, type IdempotencyRecord } from './requests.ts';
import { admission } from './admit-learning-request.ts';
import { routingCandidates } from './route-learning-request.ts';

export type SubmitLearningOutcome =
  | {
      kind: 'created';
      response: {
        id: string;
        year: string;
        status: string;
        partnerId?: string;
        statusToken: string;
        availableMinutes?: number;
        routing: string;
        /** A routed request: the business days within which the partner answers, after which it is reminded. */
        answerWithinBusinessDays?: number;
      };
    }
  | { kind: 'unknown-quartier' | 'billable-not-acknowledged' | 'idempotency-key-reused' | 'too-many-emails' };

type LearningCreated = Omit<Extract<SubmitLearningOutcome, { kind: 'created' }>['response'], 'statusToken'>;

const replayOf = (prior: IdempotencyRecord, hash: string): SubmitLearningOutcome =>
  prior.bodyHash === hash
    ? { kind: 'created', response: { ...(prior.response as LearningCreated), statusToken: prior.statusToken } }
    : { kind: 'idempotency-key-reused' };

export async function submitLearningRequest(
  deps: Deps,
  input: LearningRequestInput,
  idempotencyKey?: string,
): Promise<SubmitLearningOutcome> {
  const out = await submitOnce(deps, input, idempotencyKey);
  // The confirmation page's next step, from today's settings (a replay too): it is not part of what was recorded.
  if (out.kind !== 'created' || out.response.status !== 'routed') return out;
  const days = (await deps.settings()).routing.reminderBusinessDays;
  return { kind: 'created', response: { ...out.response, answerWithinBusinessDays: days } };
}

async function submitOnce(
  deps: Deps,
  input: LearningRequestInput,
  idempotencyKey?: string,
): Promise<SubmitLearningOutcome> {
  const hash = bodyHash(input);
  const prior = await findIdempotent(deps, 'learning', idempotencyKey);
  if (prior) return replayOf(prior, hash);

  const settings = await deps.settings();
  const now = deps.clock.now();
  const year = programYearOf(localDateAt(now), settings.yearStart);
  const token = newSecretToken();
  const at = now.toISOString();
  // Everything the decision needs in one read, then one transaction: two round trips in all.
  const candidates = routingCandidates(settings);
  const [intake, partners] = await Promise.all([
    deps.repos.quartiers.learningIntake(input.quartierId, input.contact.email, {
      year,
      previousYear: previousYear(year),
      partners: candidates,
    }),
    listPartners(deps),
  ]);
  const { quartier } = intake;
  if (!quartier) return { kind: 'unknown-quartier' };
  const balance = balanceAnswer(
    settings,
    quartier.id,
    'learning',
    year,
    intake.balances.current,
    intake.balances.previous,
  );
  if ((input.estimatedMinutes ?? 0) > balance.availableMinutes && !input.billableAcknowledged)
    return { kind: 'billable-not-acknowledged' };

  const { requests } = deps.repos;
  const request: LearningRequest = {
    id: newId(now.getTime()),
    kind: 'learning',
    year,
    quartierId: quartier.id,
    contact: input.contact,
    locale: input.locale,
    status: 'unverified',
    statusTokenHash: hashToken(token),
    createdAt: at,
    updatedAt: at,
    question: input.question,
    focus: input.focus,
    preferredPartnerId: input.preferredPartnerId,
    estimatedMinutes: input.estimatedMinutes,
    billableAcknowledged: input.billableAcknowledged,
    mode: input.mode,
    modeReason: input.modeReason,
    assignment: 1,
    declinedBy: [],
  };
  let response: LearningCreated;
  const writes: Write[] = [];
  if (intake.onFile) {
    // The round-robin position moves in the submission's own transaction (a tie between two simultaneous
    // submissions may then go the same way; the load decides the next ones).
    const decision = choosePartner({
      focus: input.focus,
      preferredPartnerId: input.preferredPartnerId,
      candidatesByFocus: settings.routing.candidatesByFocus,
      declined: [],
      loads: intake.loads,
      cursor: intake.cursor,
    });
    const submitted = requests.audit(request.id, { at, event: 'submitted', by: 'requester' });
    const admitted = admission(deps, { ...request, trust: 'on-file' }, quartier, partners, decision, balance, now, {
      token,
      notMe: true,
    });
    writes.push(requests.create(admitted.request), deps.repos.quartiers.routingTurn(), submitted, ...admitted.writes);
    response = {
      id: request.id,
      year,
      status: admitted.request.status,
      partnerId: admitted.request.partnerId,
      availableMinutes: balance.availableMinutes,
      routing: admitted.routing,
    };
  } else {
    // An address the program has never seen: the request is kept, and only its own address hears of it.
    writes.push(
      requests.create(request),
      requests.audit(request.id, { at, event: 'submitted', by: 'requester' }),
      verificationEmail(deps, request, quartier.name, token, now),
    );
    response = { id: request.id, year, status: 'unverified', routing: 'unverified' };
  }
  // At most a few acknowledgements to one address an hour, counted only if the submission commits.
  writes.push(mailQuotaTx(deps, 'request-acknowledgement', input.contact.email, now));
  if (idempotencyKey)
    writes.push(
      idempotencyPut(
        deps,
        'learning',
        idempotencyKey,
        { requestId: request.id, bodyHash: hash, response, statusToken: token },
        now,
      ),
    );
  const result = await deps.tx.commit(writes);
  if (!result.ok) {
    // The same key, sent at the same moment by a retrying client: answer what the first one answered.
    const replay = await findIdempotent(deps, 'learning', idempotencyKey);
    if (replay) return replayOf(replay, hash);
    if (quotaSpent(result)) return { kind: 'too-many-emails' };
    throw new Error('learning request: transaction refused');
  }
  return { kind: 'created', response: { ...response, statusToken: token } };
}
