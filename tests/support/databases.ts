// A PostgreSQL database nobody has used, on DATABASE_URL's server: for tests and bench parts
// that must start from an empty schema. `drop` removes it (and ends the admin connection).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DATABASE_URL } from './api.js';

export interface FreshPostgres {
  url: string;
  drop(): Promise<void>;
}

export async function freshPostgresDatabase(prefix: string): Promise<FreshPostgres> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
