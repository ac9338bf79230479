// The deployable service: the admin token kept only as a hash, head office as a publishing origin in the
// tenant log, per-kind publication versions, and the head-office projections with their cursors.
import type { Migration } from '../migrate.js';

export const migration0002: Migration = {
  id: 2,
  name: 'service',
  sql: `
CREATE TABLE server_settings (
  key text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL
);

ALTER TABLE branches ADD COLUMN head_office boolean NOT NULL DEFAULT false;

CREATE UNIQUE INDEX branches_one_head_office ON branches (tenant_id) WHERE head_office;

CREATE TABLE publish_versions (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  kind text NOT NULL,
  version integer NOT NULL,
  PRIMARY KEY (tenant_id, kind)
);

CREATE TABLE projection_cursors (
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  name text NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (tenant_id, name)
);

CREATE TABLE projection_stock (
  tenant_id uuid NOT NULL,
  branch_id uuid NOT NULL,
  product_id text NOT NULL,
  batch text NOT NULL,
  expiry text NOT NULL,
  on_hand bigint NOT NULL,
  hlc text NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (tenant_id, branch_id, product_id, batch, expiry)
);

CREATE INDEX projection_stock_expiry ON projection_stock (tenant_id, expiry);

CREATE TABLE projection_sales_daily (
  tenant_id uuid NOT NULL,
  branch_id uuid NOT NULL,
  day text NOT NULL,
  currency text NOT NULL,
  sales integer NOT NULL,
  voids integer NOT NULL,
  amount_minor bigint NOT NULL,
  PRIMARY KEY (tenant_id, branch_id, day, currency)
);

CREATE TABLE projection_sales (
  tenant_id uuid NOT NULL,
  sale_id text NOT NULL,
  branch_id uuid NOT NULL,
  day text NOT NULL,
  currency text NOT NULL,
  amount_minor bigint NOT NULL,
  voided boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, sale_id)
);

CREATE TABLE projection_exceptions (
  tenant_id uuid NOT NULL,
  id text NOT NULL,
  branch_id uuid NOT NULL,
  kind text NOT NULL,
  opened_at bigint NOT NULL,
  opened_seq bigint NOT NULL,
  details jsonb NOT NULL,
  resolved_seq bigint,
  PRIMARY KEY (tenant_id, id)
);
`,
};
