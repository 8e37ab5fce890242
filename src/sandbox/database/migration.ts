/** One forward-only schema step; applied once, in order, and recorded in `schema_migrations`. */
export interface Migration {
  /** Stable, unique, sortable id, e.g. `core-001-accounts` or `crm-001-contacts`. */
  id: string;
  sql: string;
}
