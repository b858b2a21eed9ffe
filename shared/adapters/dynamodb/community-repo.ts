/**
 * CommunityRepository (shared/ports.ts) on the one table: a proposal is `PROPOSAL#id / PROPOSAL` (listed by date
 * on gsi1), a subscriber `SUBSCRIBER#email / SUBSCRIBER` (listed by status on gsi1).
 */
import type { Subscriber, TopicProposal } from '#domain/community';
import type { CommunityRepository, Write } from '#shared/ports';
import { keys } from './keys.ts';
import { cond } from './expressions.ts';
import { withoutKeys } from './requests-repo.ts';
import type { Store } from './store.ts';

export function communityRepository(store: Store): CommunityRepository {
  return {
    propose(proposal): Write {
      return {
        put: { ...keys.proposal(proposal.id), ...keys.proposalIndex(proposal.createdAt), ...proposal },
        when: cond.notExists(),
      };
    },

    async proposals() {
      const items = await store.query<Record<string, unknown>>({ ...keys.proposalsList(), forward: false });
      return items.map((i) => withoutKeys<TopicProposal>(i));
    },

    async subscriber(email) {
      const item = await store.get<Record<string, unknown>>(keys.subscriber(email));
      return item ? withoutKeys<Subscriber>(item) : undefined;
    },

    async subscribersWithStatus(status) {
      const items = await store.query<Record<string, unknown>>(keys.subscribersByStatus(status));
      return items.map((i) => withoutKeys<Subscriber>(i));
    },

    signUp(s): Write {
      return { put: { ...keys.subscriber(s.email), ...keys.subscriberIndex(s.status, s.email), ...s } };
    },

    confirm(email, { at, ip }): Write {
      return {
        update: keys.subscriber(email),
        spec: {
          set: {
            status: 'confirmed',
            'consent.confirmedAt': at,
            'consent.confirmedIp': ip,
            ...keys.subscriberIndex('confirmed', email),
          },
        },
        when: cond.eq('status', 'pending'),
      };
    },

    forgetSubscriber(email): Write {
      return { delete: keys.subscriber(email) };
    },

    anonymiseProposal(proposal, as): Write {
      return { update: keys.proposal(proposal.id), spec: { set: { name: as.name, email: as.email } } };
    },

    unsubscribe(email, at): Write {
      return {
        update: keys.subscriber(email),
        spec: {
          set: { email, status: 'unsubscribed', unsubscribedAt: at, ...keys.subscriberIndex('unsubscribed', email) },
          setIfAbsent: { locale: 'fr' },
        },
      };
    },
  };
}
