import { auditPageSchema, type AuditAction, type AuditPage } from '@fleetpush/contracts';
import type { HttpTransport } from './http-transport';

/** Filters and cursor of {@link AuditApi.list}. */
export interface AuditQuery {
  /** Only entries at or after this time (ISO-8601 with offset, or a `Date`). */
  readonly since?: string | Date;
  readonly action?: AuditAction;
  /** Text the actor contains (token name or id), case-insensitive. */
  readonly actor?: string;
  /** The `next` cursor of the previous page. */
  readonly before?: string;
  /** Page size, 1-1,000 (default 100). */
  readonly limit?: number;
}

/** The audit log (`GET /audit`, admin). */
export class AuditApi {
  constructor(private readonly http: HttpTransport) {}

  /** One page, newest first; pass `next` as `before` for the following page (`null`: the end). */
  list(query: AuditQuery = {}): Promise<AuditPage> {
    const since = query.since instanceof Date ? query.since.toISOString() : query.since;
    return this.http.json(
      {
        method: 'GET',
        path: '/audit',
        query: {
          since,
          action: query.action,
          actor: query.actor,
          before: query.before,
          limit: query.limit,
        },
      },
      auditPageSchema,
    );
  }
}
