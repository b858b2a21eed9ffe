/** The privacy notice's facts (issue 19): who answers for personal data, what is kept, where and how long. */
import type { Deps } from '#shared/ports';
import { privacyFacts } from '#domain/privacy';

export async function privacyNotice(deps: Pick<Deps, 'settings'>) {
  return privacyFacts(await deps.settings());
}
