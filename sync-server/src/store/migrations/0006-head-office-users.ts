// Head-office users sign in to the admin API with their own name and password (issue "Branch sync": head-office
// users log in), each within one chain; the operator's admin token stays for setting up chains. Passwords are
// kept only as scrypt hashes; sessions only as SHA-256 hashes of 256-bit tokens, with an expiry. No foreign keys,
// like the other tables a test drops and migrates again (IF NOT EXISTS).
import type { Migration } from '../migrate.js';

export const migration0006: Migration = {
  id: 6,
  name: 'head-office-users',
  sql: `
CREATE TABLE IF NOT EXISTS admin_users (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  username text NOT NULL,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS admin_users_name ON admin_users (tenant_id, lower(username));
CREATE TABLE IF NOT EXISTS admin_sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL,
  tenant_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS admin_sessions_user ON admin_sessions (user_id)
`,
};
