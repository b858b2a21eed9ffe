/**
 * The dependencies of the functions that send email (notifier, outbox sweep): the shared ones plus SES.
 * Kept apart from shared/wiring.ts so that the other functions' bundles carry neither the SES client nor the
 * MIME composer.
 */
import { getDeps } from '#shared/wiring';
import type { Deps } from '#shared/ports';
import { SesMailer } from './mailer.ts';

let deps: Promise<Deps> | undefined;
export const getMailingDeps = (): Promise<Deps> =>
  (deps ??= getDeps().then((d) => ({
    ...d,
    mailer: new SesMailer({ timeoutMs: d.config.ses.timeoutMs, configurationSet: d.config.ses.configurationSet }),
  })));
