// The first schema of the head-office log. Forward only: a later change is a new numbered file.
export const migration0001 = {
  id: 1,
  name: 'initial',
  sql: `
CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  -- The last server sequence handed out in this tenant's log; its row lock makes one writer per tenant.
  last_seq bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL
);

CREATE TABLE branches (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  name text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX branches_tenant ON branches (tenant_id);

CREATE TABLE devices (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  branch_id uuid NOT NULL REFERENCES branches (id),
  label text NOT NULL DEFAULT '',
  credential_hash text NOT NULL UNIQUE,
  enrolled_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE TABLE enrollment_codes (
  code_hash text PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  branch_id uuid NOT NULL REFERENCES branches (id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  device_id uuid REFERENCES devices (id),
  created_at timestamptz NOT NULL
);

CREATE TABLE events (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id),
  branch_id uuid NOT NULL REFERENCES branches (id),
  device_id uuid NOT NULL REFERENCES devices (id),
  seq bigint NOT NULL,
  type text NOT NULL,
  schema_version integer NOT NULL,
  hlc text NOT NULL,
  occurred_at bigint NOT NULL,
  payload jsonb NOT NULL,
  published boolean NOT NULL,
  received_at timestamptz NOT NULL,
  UNIQUE (tenant_id, seq)
);
`,
};
