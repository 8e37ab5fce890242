import { bookingStatusTools } from './booking-status.js';
import { bookingTools } from './bookings.js';
import { channelTools } from './channels.js';
import { commsTools } from './comms.js';
import { contactTools } from './contacts.js';
import { contentTools } from './content.js';
import { invoiceTools } from './invoices.js';
import { knowledgeTools } from './knowledge.js';
import { memberProfileTools } from './member-profile.js';
import { membershipTools } from './membership.js';
import { orderTools } from './orders.js';
import { planTools } from './plan.js';
import { platformTools } from './platform.js';
import { productTools } from './products.js';
import { reportingTools } from './reporting.js';
import { salesTools } from './sales.js';
import { serviceTools } from './services.js';
import type { SandboxTool } from './tool-definition.js';

/** Every CRM tool of the sandbox, grouped by area in the order `tools/list` shows them. */
export const crmTools: SandboxTool[] = [
  ...planTools,
  ...channelTools,
  ...serviceTools,
  ...bookingTools,
  ...bookingStatusTools,
  ...contactTools,
  ...memberProfileTools,
  ...membershipTools,
  ...invoiceTools,
  ...productTools,
  ...orderTools,
  ...reportingTools,
  ...knowledgeTools,
  ...contentTools,
  ...salesTools,
  ...commsTools,
  ...platformTools,
];
