/** The DynamoDB repositories, one per aggregate, each implementing its interface from shared/ports.ts. */
import type { Repositories, Transactions } from '#shared/ports';
import type { Store } from './store.ts';
import { ledgerRepository } from './ledger-repo.ts';
import { requestsRepository } from './requests-repo.ts';
import { quartiersRepository } from './quartiers-repo.ts';
import { slotsRepository } from './slots-repo.ts';
import { sessionsRepository } from './sessions-repo.ts';
import { communityRepository } from './community-repo.ts';
import { outboxRepository } from './outbox-repo.ts';
import { guardsRepository } from './guards-repo.ts';
import { settingsRepository } from './settings-repo.ts';
import { harvestRepository } from './harvest-repo.ts';
import { privacyRepository } from './privacy-repo.ts';

export function buildRepositories(store: Store): Repositories {
  return {
    ledger: ledgerRepository(store),
    requests: requestsRepository(store),
    quartiers: quartiersRepository(store),
    slots: slotsRepository(store),
    sessions: sessionsRepository(store),
    community: communityRepository(store),
    outbox: outboxRepository(store),
    guards: guardsRepository(store),
    settings: settingsRepository(store),
    harvest: harvestRepository(store),
    privacy: privacyRepository(store),
  };
}

export const transactionsOf = (store: Store): Transactions => ({ commit: (writes) => store.transact(writes) });
