/** CRM tables for customers, bookings, plan links, WhatsApp sessions and invoices (SQL only). */
// Every CRM row carries company_id and every query filters by it: one key sees one workspace.
// Times are ISO-8601 UTC strings; money is REAL in the row's currency.

export const contacts = `
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  first_name TEXT,
  last_name TEXT,
  email TEXT,
  phone TEXT,
  notes TEXT,
  tier_id TEXT,
  membership_enrolled_at TEXT,
  points_balance INTEGER NOT NULL DEFAULT 0,
  last_activity_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX accounts_company ON accounts(company_id, created_at);
CREATE INDEX accounts_company_email ON accounts(company_id, email);

CREATE TABLE membership_tiers (
  id TEXT NOT NULL,
  company_id TEXT NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  min_points INTEGER NOT NULL,
  benefits TEXT NOT NULL,
  sort_order INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (company_id, id)
);

CREATE TABLE tags (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (company_id, name)
);

CREATE TABLE account_tags (
  company_id TEXT NOT NULL REFERENCES companies(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  tag_id TEXT NOT NULL REFERENCES tags(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (account_id, tag_id)
);
CREATE INDEX account_tags_company ON account_tags(company_id, tag_id);

CREATE TABLE points_ledger (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  points INTEGER NOT NULL,
  balance_after INTEGER NOT NULL,
  reason TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX points_ledger_account ON points_ledger(company_id, account_id, created_at);
`;

export const servicesAndBookings = `
CREATE TABLE services (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  description TEXT,
  duration_minutes INTEGER NOT NULL,
  price REAL NOT NULL,
  currency TEXT NOT NULL,
  capacity INTEGER NOT NULL DEFAULT 1,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX services_company ON services(company_id, name);

CREATE TABLE bookings (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  service_id TEXT NOT NULL REFERENCES services(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  participants INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL CHECK (status IN ('pending','confirmed','completed','cancelled','no_show')),
  notes TEXT,
  price REAL NOT NULL,
  currency TEXT NOT NULL,
  cancel_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX bookings_company_start ON bookings(company_id, start_at);
CREATE INDEX bookings_company_created ON bookings(company_id, created_at);
CREATE INDEX bookings_service_start ON bookings(service_id, start_at);
`;

export const planAndChannels = `
CREATE TABLE plan_checkout_links (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  plan_code TEXT NOT NULL,
  billing_cycle TEXT NOT NULL,
  amount REAL NOT NULL,
  currency TEXT NOT NULL,
  url TEXT NOT NULL,
  return_url TEXT,
  created_by_user_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX plan_checkout_links_company ON plan_checkout_links(company_id, created_at);

CREATE TABLE whatsapp_sessions (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  onboarding_mode TEXT NOT NULL CHECK (onboarding_mode IN ('cloud_api','coexistence')),
  state TEXT NOT NULL CHECK (state IN ('pending','superseded','connected')),
  url TEXT NOT NULL,
  created_by_user_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX whatsapp_sessions_company ON whatsapp_sessions(company_id, created_at);
`;

export const invoices = `
CREATE TABLE invoices (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  number TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  status TEXT NOT NULL CHECK (status IN ('draft','sent','paid','void')),
  currency TEXT NOT NULL,
  total REAL NOT NULL,
  notes TEXT,
  issue_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  sent_at TEXT,
  paid_at TEXT,
  payment_method TEXT,
  voided_at TEXT,
  void_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (company_id, number)
);
CREATE INDEX invoices_company ON invoices(company_id, created_at);

CREATE TABLE invoice_items (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  invoice_id TEXT NOT NULL REFERENCES invoices(id),
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  quantity REAL NOT NULL,
  unit_price REAL NOT NULL,
  amount REAL NOT NULL
);
CREATE INDEX invoice_items_invoice ON invoice_items(invoice_id, position);
`;
