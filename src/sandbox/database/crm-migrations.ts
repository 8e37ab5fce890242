import { contacts, invoices, planAndChannels, servicesAndBookings } from './crm-schema-customers.js';
import { contentAndKnowledge, salesCommsPlatform, shop } from './crm-schema-business.js';
import type { Migration } from './migration.js';

/** The CRM schema, applied after the core migrations (companies must exist for the foreign keys). */
export const crmMigrations: Migration[] = [
  { id: 'crm-001-contacts', sql: contacts },
  { id: 'crm-002-services-bookings', sql: servicesAndBookings },
  { id: 'crm-003-plan-channels', sql: planAndChannels },
  { id: 'crm-004-invoices', sql: invoices },
  { id: 'crm-005-shop', sql: shop },
  { id: 'crm-006-content-knowledge', sql: contentAndKnowledge },
  { id: 'crm-007-sales-comms-platform', sql: salesCommsPlatform },
];
