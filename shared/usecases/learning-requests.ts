/**
 * @deprecated The learning-request use cases are one file per capability now (submit-learning-request.ts,
 * answer-assignment.ts…) and the type lives in shared/domain/learning-request.ts. Only log-hours.ts still imports
 * the type from here; remove this file once it imports `#domain/learning-request`.
 */
export type { LearningRequest, LearningStatus } from '#domain/learning-request';
