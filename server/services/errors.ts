import { t, type MessageKey, type MessageParams } from '../../components/i18n/messages';
import type { AssessmentStatus } from '../domain/policy';

export type ServiceErrorCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS' | 'SERVICE_UNAVAILABLE';

/** Marks a ServiceError whichever copy of this module made it (see `Symbol.hasInstance` below). */
const SERVICE_ERROR = Symbol.for('heilong.ServiceError');

/**
 * An expected failure a user can act on. Services throw it; the transport maps the
 * code to its own status in one place. The message comes from the catalogue.
 */
export class ServiceError extends Error {
  readonly [SERVICE_ERROR] = true;

  /**
   * The process runs two copies of this module: the server entry's (under tsx: it builds the rooms) and the
   * one bundled into Next.js (the tRPC handlers). `instanceof` checks the mark, so an error thrown by the rooms
   * is still mapped to its code and message, not to "internal error".
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [SERVICE_ERROR]?: unknown })[SERVICE_ERROR] === true;
  }

  constructor(
    readonly code: ServiceErrorCode,
    readonly messageKey: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(t(messageKey, params));
    this.name = 'ServiceError';
  }
}

export const notFound = (what: 'programme' | 'assessment') => new ServiceError('NOT_FOUND', `error.notFound.${what}`);
export const forbidden = () => new ServiceError('FORBIDDEN', 'error.forbidden');
export const storageDelayed = () => new ServiceError('SERVICE_UNAVAILABLE', 'error.storageDelayed');
export const historyNotStored = () => new ServiceError('SERVICE_UNAVAILABLE', 'error.historyNotStored');

// A status goes into a message as its label from the catalogue, never as its code.
const statusLabel = (status: AssessmentStatus) => t(`assessment.status.${status}`);

export const assessmentReadOnly = (status: AssessmentStatus) =>
  new ServiceError('FORBIDDEN', 'error.assessmentReadOnly', { status: statusLabel(status) });

export const statusChangeRefused = (code: 'BAD_REQUEST' | 'CONFLICT', from: AssessmentStatus, to: AssessmentStatus) =>
  new ServiceError(code, 'error.statusChange', { from: statusLabel(from), to: statusLabel(to) });
