/** An axis 1 request as it lives through routing, the partner's answer and the learning loop. */
import type { LearningRequestInput } from '#shared/schemas';
import type { LearningState, RequestBase } from './request-states.ts';
import type { RoutingReason } from './routing.ts';

export type LearningStatus = LearningState;

export type LearningRequest = RequestBase & {
  kind: 'learning';
  status: LearningStatus;
  question: string;
  focus: LearningRequestInput['focus'];
  preferredPartnerId?: string;
  estimatedMinutes?: number;
  billableAcknowledged?: boolean;
  mode: 'virtual' | 'in-person';
  modeReason?: string;
  partnerId?: string;
  assignment: number;
  routedAt?: string;
  remindedAssignment?: number;
  declinedBy: string[];
  routingReason?: RoutingReason;
  step?: string;
};

/** Where the partner may move an accepted request next. */
export const LEARNING_LOOP_NEXT: Record<string, string[]> = {
  accepted: ['in-progress', 'completed'],
  'in-progress': ['completed'],
};
