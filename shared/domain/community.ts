/** Topic proposals for the practice-exchange workshops, and the mailing list's subscribers. */
import type { Locale } from '#email/render';

export type TopicProposal = {
  id: string;
  name: string;
  email: string;
  quartierId?: string;
  topic: string;
  details?: string;
  locale: Locale;
  createdAt: string;
};

export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed';
/** The consent as given: when, from where, the wording shown; then when and from where it was confirmed. */
export type Consent = {
  requestedAt: string;
  ip?: string;
  userAgent?: string;
  wording: string;
  locale: Locale;
  confirmedAt?: string;
  confirmedIp?: string;
};
export type Subscriber = {
  email: string;
  status: SubscriberStatus;
  locale: Locale;
  consent?: Consent;
  unsubscribedAt?: string;
};
