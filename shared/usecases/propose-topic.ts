/** Topic proposals for the practice-exchange workshops: the team is told of each, and lists them. */
import type { TopicProposal } from '#domain/community';
import type { Locale } from '#email/render';
import type { Deps } from '#shared/ports';
import { newId } from '#shared/ids';
import { getQuartier } from './quartiers.ts';

export async function proposeTopic(
  deps: Deps,
  input: { name: string; email: string; quartierId?: string; topic: string; details?: string; locale: Locale },
  operationId?: string,
) {
  const now = deps.clock.now();
  const id = operationId ? `proposal-${operationId}` : newId(now.getTime());
  const quartier = input.quartierId ? await getQuartier(deps, input.quartierId) : undefined;
  // The quartier the person names (reports group by it) must be one taking part.
  if (input.quartierId && !quartier) return { kind: 'unknown-quartier' as const };
  const proposal: TopicProposal = { id, ...input, createdAt: now.toISOString() };
  // With an operation id, a run repeated after a crash finds the first proposal and writes nothing (nor emails).
  await deps.tx.commit([
    deps.repos.community.propose(proposal),
    deps.repos.outbox.enqueue(
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
  return { kind: 'proposed' as const, id };
}

/** Newest first. */
export const listProposals = (deps: Deps) => deps.repos.community.proposals();
