/** CRM tables for the shop, content, knowledge, sales, comms and agent feedback (SQL only). */
// Every CRM row carries company_id and every query filters by it: one key sees one workspace.
// Times are ISO-8601 UTC strings; money is REAL in the row's currency.

export const shop = `
CREATE TABLE products (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  description TEXT,
  sku TEXT,
  price REAL NOT NULL,
  currency TEXT NOT NULL,
  stock INTEGER,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX products_company ON products(company_id, name);

CREATE TABLE promotions (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  code TEXT NOT NULL,
  description TEXT,
  discount_type TEXT NOT NULL CHECK (discount_type IN ('percent','fixed')),
  value REAL NOT NULL,
  min_subtotal REAL NOT NULL DEFAULT 0,
  starts_at TEXT,
  ends_at TEXT,
  max_redemptions INTEGER,
  redemptions INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  UNIQUE (company_id, code)
);

CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  number TEXT NOT NULL,
  account_id TEXT REFERENCES accounts(id),
  status TEXT NOT NULL CHECK (status IN ('pending','paid','fulfilled','cancelled')),
  currency TEXT NOT NULL,
  subtotal REAL NOT NULL,
  discount REAL NOT NULL DEFAULT 0,
  total REAL NOT NULL,
  promotion_code TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (company_id, number)
);
CREATE INDEX orders_company ON orders(company_id, created_at);

CREATE TABLE order_items (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  order_id TEXT NOT NULL REFERENCES orders(id),
  product_id TEXT NOT NULL REFERENCES products(id),
  name TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  unit_price REAL NOT NULL,
  amount REAL NOT NULL
);
CREATE INDEX order_items_order ON order_items(order_id);

CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  price REAL NOT NULL,
  currency TEXT NOT NULL,
  interval TEXT NOT NULL CHECK (interval IN ('week','month','year')),
  status TEXT NOT NULL CHECK (status IN ('active','paused','cancelled')),
  current_period_end TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX subscriptions_company ON subscriptions(company_id, created_at);
`;

export const contentAndKnowledge = `
CREATE TABLE knowledge_documents (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  title TEXT NOT NULL,
  source_type TEXT NOT NULL CHECK (source_type IN ('text','url')),
  source_url TEXT,
  content TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ready','queued')),
  created_at TEXT NOT NULL
);
CREATE INDEX knowledge_documents_company ON knowledge_documents(company_id, created_at);

CREATE TABLE posts (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  title TEXT NOT NULL,
  slug TEXT NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft','published','archived')),
  excerpt TEXT,
  blocks TEXT NOT NULL DEFAULT '[]',
  published_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (company_id, slug)
);

CREATE TABLE generated_images (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  prompt TEXT NOT NULL,
  model TEXT NOT NULL,
  url TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`;

export const salesCommsPlatform = `
CREATE TABLE deals (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  title TEXT NOT NULL,
  account_id TEXT REFERENCES accounts(id),
  value REAL NOT NULL,
  currency TEXT NOT NULL,
  stage TEXT NOT NULL,
  owner_user_id TEXT NOT NULL,
  expected_close_date TEXT,
  closed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX deals_company ON deals(company_id, stage);

CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  title TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL CHECK (status IN ('open','in_progress','done','cancelled')),
  due_date TEXT,
  assignee_user_id TEXT NOT NULL,
  account_id TEXT REFERENCES accounts(id),
  deal_id TEXT REFERENCES deals(id),
  completed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX tasks_company ON tasks(company_id, status, due_date);

CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  name TEXT NOT NULL,
  channel TEXT NOT NULL,
  audience TEXT NOT NULL,
  message TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE send_approvals (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  action_type TEXT NOT NULL,
  summary TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  requested_by_user_id TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX send_approvals_company ON send_approvals(company_id, created_at);

CREATE TABLE agent_issues (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  reported_by_user_id TEXT NOT NULL,
  title TEXT NOT NULL,
  severity TEXT NOT NULL,
  area TEXT NOT NULL,
  expected_behavior TEXT NOT NULL,
  actual_behavior TEXT NOT NULL,
  steps_tried TEXT NOT NULL,
  ai_analysis TEXT,
  created_at TEXT NOT NULL
);
`;
