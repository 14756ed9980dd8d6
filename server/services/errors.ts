import { t, type MessageKey, type MessageParams } from '../../components/i18n/messages';

export type ServiceErrorCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS';

/**
 * An expected failure a user can act on. Services throw it; the transport maps the
 * code to its own status in one place. The message comes from the catalogue.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    readonly messageKey: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(t(messageKey, params));
    this.name = 'ServiceError';
  }
}

export const notFound = (thing: string) => new ServiceError('NOT_FOUND', 'error.notFound', { thing });
export const forbidden = () => new ServiceError('FORBIDDEN', 'error.forbidden');
