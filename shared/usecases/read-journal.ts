/**
 * A learning request's journal and outcomes, for whoever may write in it (shared/usecases/harvest-author.ts), with
 * the quartier's earlier outcomes and after-action reviews: the next loop starts from what was learned.
 */
import type { Deps } from '#shared/ports';
import { journalOpen, type Author, type JournalEntry, type OutcomeStatement } from '#domain/harvest';
import { served } from '#domain/request-states';
import { authorOf, type Credentials } from './harvest-author.ts';

/** The quartier sees who wrote by role (and which partner), not by account. */
const publicAuthor = (a: Author) =>
  a.role === 'partner' ? { role: a.role, partnerId: a.partnerId } : { role: a.role };

function shown<T extends { author: Author; editedBy?: Author }>(x: T, staff: boolean) {
  return {
    ...x,
    author: staff ? x.author : publicAuthor(x.author),
    ...(x.editedBy ? { editedBy: staff ? x.editedBy : publicAuthor(x.editedBy) } : {}),
  };
}

export async function readJournal(deps: Deps, requestId: string, who: Credentials) {
  const auth = await authorOf(deps, requestId, who);
  if (auth.kind !== 'author') return auth;
  const staff = auth.author.role !== 'requester';
  const [entries, outcomes, earlier, settings] = await Promise.all([
    deps.repos.harvest.journalOf(requestId),
    deps.repos.harvest.outcomesOf(requestId),
    deps.repos.harvest.ofQuartier(auth.request.quartierId),
    deps.settings(),
  ]);
  // Until trust is established the requester learns nothing of the quartier's earlier learnings.
  const earlierShown = staff || served(auth.request);
  const notThis = <T extends { requestId: string }>(x: T) => earlierShown && x.requestId !== requestId;
  return {
    kind: 'journal' as const,
    journal: {
      requestId,
      writer: auth.author.role,
      open: journalOpen(auth.request.status),
      themes: settings.harvest.themes,
      entries: entries.map((e: JournalEntry) => shown(e, staff)),
      outcomes: outcomes.map((o: OutcomeStatement) => shown(o, staff)),
      earlier: {
        outcomes: earlier.outcomes.filter(notThis).map((o) => shown(o, staff)),
        reviews: earlier.reviews.filter(notThis).map((r) => shown(r, staff)),
      },
    },
  };
}
