// The migration history and prisma/schema.prisma describe the same database: after the API has
// migrated a fresh database, its tables, columns, keys and indexes are what the schema declares
// (so a schema change without a migration fails here), every migration is recorded as Prisma
// records it, instances starting together migrate once, and a restart applies nothing.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, DATABASE_URL, startApi, tempDir, type Backend, type TestApi } from '../support/api.js';
import { createDocument, documentText } from '../support/clients.js';
import { freshPostgresDatabase } from '../support/databases.js';

const PRISMA_DIR = fileURLToPath(new URL('../../prisma/', import.meta.url));
const SCHEMA = readFileSync(`${PRISMA_DIR}schema.prisma`, 'utf8');
const MIGRATIONS = readdirSync(`${PRISMA_DIR}migrations`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

// --- what schema.prisma declares ------------------------------------------------------------
// A small reader for the parts of the Prisma schema language that decide the database shape.
// The generated client's runtime data model lacks optionality, native types and indexes, and
// @prisma/internals is not installed, so we read the schema itself; an attribute this reader
// does not know fails loudly rather than being ignored.

interface Column {
  table: string;
  column: string;
  type: string;
  nullable: boolean;
}
interface Index {
  table: string;
  name: string;
  columns: string[];
  unique: boolean;
  primary: boolean;
}
interface ForeignKey {
  table: string;
  name: string;
  columns: string[];
  references: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
}
interface Shape {
  tables: string[];
  columns: Column[];
  indexes: Index[];
  foreignKeys: ForeignKey[];
}

/** format_type() of each Prisma scalar on PostgreSQL, without and with a @db native type. */
const DEFAULT_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};
const NATIVE_TYPES: Record<string, (arg: string | undefined) => string> = {
  Text: () => 'text',
  VarChar: (n) => (n ? `character varying(${n})` : 'character varying'),
  Char: (n) => `character(${n ?? 1})`,
  Uuid: () => 'uuid',
  Integer: () => 'integer',
  SmallInt: () => 'smallint',
  BigInt: () => 'bigint',
  Real: () => 'real',
  DoublePrecision: () => 'double precision',
  Decimal: (ps) => `numeric(${(ps ?? '65,30').replace(/\s/g, '')})`,
  Boolean: () => 'boolean',
  Timestamptz: (n) => `timestamp(${n ?? 6}) with time zone`,
  Timestamp: (n) => `timestamp(${n ?? 6}) without time zone`,
  Date: () => 'date',
  Json: () => 'json',
  JsonB: () => 'jsonb',
  ByteA: () => 'bytea',
};
/** Prisma's referential actions as pg_constraint codes. */
const ACTIONS: Record<string, string> = { Cascade: 'c', Restrict: 'r', NoAction: 'a', SetNull: 'n', SetDefault: 'd' };

const mapName = (attributes: string) => /@map\(\s*(?:name:\s*)?"([^"]+)"/.exec(attributes)?.[1];
const listArg = (args: string) =>
  (/^\s*(?:fields:\s*)?\[([^\]]*)\]/.exec(args)?.[1] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
const namedArg = (args: string, name: string) => new RegExp(`${name}:\\s*(?:"([^"]+)"|\\[([^\\]]*)\\]|(\\w+))`).exec(args);

function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    if (!quoted && line[i] === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

function declaredShape(schema: string): Shape {
  const blocks = [...schema.matchAll(/^(model|enum|type|view)\s+(\w+)\s*\{([\s\S]*?)^\}/gm)];
  for (const [, kind, name] of blocks) if (kind !== 'model') throw new Error(`schema reader: ${kind} ${name} is not supported yet`);
  const models = new Map(blocks.map(([, , name, body]) => [name!, body!]));
  const tableOf = (model: string) => /@@map\(\s*"([^"]+)"/.exec(models.get(model)!)?.[1] ?? model;
  const shape: Shape = { tables: [], columns: [], indexes: [], foreignKeys: [] };

  for (const [model, body] of models) {
    const table = tableOf(model);
    shape.tables.push(table);
    const columnOf = new Map<string, string>();
    const lines = body.split('\n').map((line) => stripComment(line).trim()).filter(Boolean);
    const indexColumns = (args: string) =>
      listArg(args).map((entry) => {
        const [, field, sort] = /^(\w+)(?:\(\s*sort:\s*(\w+)\s*\))?$/.exec(entry) ?? [];
        if (!field) throw new Error(`schema reader: cannot read index entry "${entry}" in ${model}`);
        const column = columnOf.get(field) ?? field;
        return sort === 'Desc' ? `${column} DESC` : column;
      });
    const addIndex = (kind: 'id' | 'unique' | 'index', args: string) => {
      const columns = indexColumns(args);
      const suffix = kind === 'id' ? 'pkey' : kind === 'unique' ? 'key' : 'idx';
      const defaultName = kind === 'id' ? `${table}_pkey` : `${table}_${columns.map((c) => c.replace(/ DESC$/, '')).join('_')}_${suffix}`;
      const name = namedArg(args, 'map')?.[1] ?? defaultName;
      shape.indexes.push({ table, name, columns, unique: kind !== 'index', primary: kind === 'id' });
    };

    // Fields first (columns and their names), then block attributes that refer to them.
    // Unsupported("tsvector")? reads as a field of type tsvector (the column's own type).
    const fieldLines = lines
      .filter((line) => !line.startsWith('@@'))
      .map((line) => line.replace(/^(\w+)\s+Unsupported\("(\w+)"\)/, '$1 Unsupported_$2'));
    for (const line of fieldLines) {
      const match = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!match) throw new Error(`schema reader: cannot read "${line}" in ${model}`);
      const [, field, type, list, optional, attributes] = match as unknown as [string, string, string, string | undefined, string | undefined, string];
      if (models.has(type)) continue; // a relation: its foreign key is read below
      const column = mapName(attributes) ?? field;
      columnOf.set(field, column);
      const native = /@db\.(\w+)(?:\(([^)]*)\))?/.exec(attributes);
      const base = native ? NATIVE_TYPES[native[1]!]?.(native[2]) : type.startsWith('Unsupported_') ? type.slice('Unsupported_'.length) : DEFAULT_TYPES[type];
      if (!base) throw new Error(`schema reader: no PostgreSQL type known for ${model}.${field} (${type}${native ? ` @db.${native[1]}` : ''})`);
      // Prisma creates scalar lists without NOT NULL.
      shape.columns.push({ table, column, type: list ? `${base}[]` : base, nullable: Boolean(optional || list) });
      for (const kind of ['id', 'unique'] as const) {
        const attribute = new RegExp(`@${kind}(?:\\(([^)]*)\\))?(?![\\w.])`).exec(attributes);
        if (attribute) addIndex(kind, `[${field}]${attribute[1] ? `, ${attribute[1]}` : ''}`);
      }
    }
    for (const line of fieldLines) {
      const [, , type, , optional, attributes] = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line)!;
      const relation = /@relation\(([^)]*)\)/.exec(attributes!)?.[1];
      if (!models.has(type!) || !relation || !/fields:/.test(relation)) continue;
      const columns = (namedArg(relation, 'fields')?.[2] ?? '').split(',').map((f) => columnOf.get(f.trim()) ?? f.trim());
      const referencedModelBody = models.get(type!)!;
      const referencedColumns = (namedArg(relation, 'references')?.[2] ?? '').split(',').map((f) => {
        const name = f.trim();
        const target = new RegExp(`^\\s*${name}\\s+\\w+.*$`, 'm').exec(referencedModelBody)?.[0] ?? '';
        return mapName(target) ?? name;
      });
      const onDelete = namedArg(relation, 'onDelete')?.[3] ?? (optional ? 'SetNull' : 'Restrict');
      const onUpdate = namedArg(relation, 'onUpdate')?.[3] ?? 'Cascade';
      shape.foreignKeys.push({
        table,
        name: namedArg(relation, 'map')?.[1] ?? `${table}_${columns.join('_')}_fkey`,
        columns,
        references: tableOf(type!),
        referencedColumns,
        onDelete: ACTIONS[onDelete]!,
        onUpdate: ACTIONS[onUpdate]!,
      });
    }
    for (const line of lines.filter((l) => l.startsWith('@@'))) {
      const [, attribute, args] = /^@@(\w+)\((.*)\)$/.exec(line) ?? [];
      if (attribute === 'id' || attribute === 'unique' || attribute === 'index') addIndex(attribute, args!);
      else if (attribute !== 'map') throw new Error(`schema reader: @@${attribute} in ${model} is not supported yet`);
    }
  }
  return normalise(shape);
}

// --- what the database has ----------------------------------------------------------------

type Query = <T>(sql: string) => Promise<T[]>;

const SKIP = `'_prisma_migrations'`;

async function actualShape(query: Query): Promise<Shape> {
  const tables = await query<{ table: string }>(`
    SELECT c.relname::text AS "table" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> ${SKIP}`);
  const columns = await query<Column>(`
    SELECT c.relname::text AS "table", a.attname::text AS "column", format_type(a.atttypid, a.atttypmod) AS "type", NOT a.attnotnull AS "nullable"
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> ${SKIP} AND a.attnum > 0 AND NOT a.attisdropped`);
  const indexes = await query<Index>(`
    SELECT t.relname::text AS "table", i.relname::text AS "name", ix.indisunique AS "unique", ix.indisprimary AS "primary",
      ARRAY(
        SELECT a.attname::text || CASE WHEN (ix.indoption[k.ord - 1] & 1) = 1 THEN ' DESC' ELSE '' END
        FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord
      )::text[] AS "columns"
    FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = current_schema() AND t.relname <> ${SKIP}`);
  const foreignKeys = await query<ForeignKey>(`
    SELECT t.relname::text AS "table", con.conname::text AS "name", f.relname::text AS "references",
      ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS "columns",
      ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS "referencedColumns",
      con.confdeltype::text AS "onDelete", con.confupdtype::text AS "onUpdate"
    FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_class f ON f.oid = con.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE con.contype = 'f' AND n.nspname = current_schema()`);
  return normalise({ tables: tables.map((t) => t.table), columns, indexes, foreignKeys });
}

/** A stable order, so that a difference shows as a readable diff. */
function normalise(shape: Shape): Shape {
  const by = (...keys: string[]) => (a: object, b: object) =>
    keys.map((k) => String((a as Record<string, unknown>)[k]).localeCompare(String((b as Record<string, unknown>)[k]))).find((c) => c !== 0) ?? 0;
  return {
    tables: [...shape.tables].sort(),
    columns: shape.columns.map((c) => ({ ...c })).sort(by('table', 'column')),
    indexes: shape.indexes.map((i) => ({ ...i, columns: [...i.columns] })).sort(by('table', 'name')),
    foreignKeys: shape.foreignKeys.map((f) => ({ ...f })).sort(by('table', 'name')),
  };
}

// --- fresh databases ------------------------------------------------------------------------

interface MigrationRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const MIGRATION_ROWS = 'SELECT id, migration_name, checksum, finished_at, rolled_back_at, started_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name';

/** A database nobody has used: a new PGlite folder, or a new PostgreSQL database on DATABASE_URL's server. */
async function freshDatabase(backend: Backend) {
  if (backend === 'pglite') {
    const dataDir = tempDir('tandem-migrate-');
    return {
      start: () => startApi({ dataDir }),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const database = await freshPostgresDatabase('tandem_migrate');
  return {
    start: () => startApi({ backend: 'postgresql', env: { DATABASE_URL: database.url } }),
    drop: database.drop,
  };
}

const queryOf = (api: TestApi): Query => (sql) => api.database.prisma.$queryRawUnsafe(sql);

describe.each(backends)('migrations on a fresh database (%s)', (backend) => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let api: TestApi;

  beforeAll(async () => {
    database = await freshDatabase(backend);
    api = await database.start();
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('leaves the tables, columns, keys and indexes that prisma/schema.prisma declares (no drift)', async () => {
    expect(await actualShape(queryOf(api))).toEqual(declaredShape(SCHEMA));
  });

  it('the drift check notices a field that no migration creates', async () => {
    // Guards the reader above: a new field must change the declared shape, or the check is blind.
    const withField = SCHEMA.replace(/^model Document \{/m, 'model Document {\n  pinned Boolean @default(false)');
    const declared = declaredShape(withField);
    expect(declared.columns).toContainEqual({ table: 'Document', column: 'pinned', type: 'boolean', nullable: false });
    expect(await actualShape(queryOf(api))).not.toEqual(declared);
  });

  it('records each migration folder once, finished, with the sha256 of its migration.sql', async () => {
    const rows = await queryOf(api)<MigrationRow>(MIGRATION_ROWS);
    expect(rows.map((row) => row.migration_name)).toEqual(MIGRATIONS);
    for (const row of rows) {
      const script = readFileSync(`${PRISMA_DIR}migrations/${row.migration_name}/migration.sql`);
      expect(row.checksum).toBe(createHash('sha256').update(script).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('applies nothing on a restart, and the data is still there', async () => {
    const id = await createDocument(api.url, 'survives a restart');
    const before = await queryOf(api)<MigrationRow>(MIGRATION_ROWS);
    await api.close();
    api = await database.start();
    expect(await queryOf(api)<MigrationRow>(MIGRATION_ROWS)).toEqual(before);
    expect(await documentText(api.url, id)).toBe('');
  });
});

describe.skipIf(!DATABASE_URL)('migrations with two instances starting at once (postgresql)', () => {
  it('both come up on a fresh database, and each migration is applied and recorded once', async () => {
    const database = await freshDatabase('postgresql');
    const started = await Promise.allSettled([database.start(), database.start()]);
    const apis = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    try {
      // Without the advisory lock one of them fails on "relation already exists".
      expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'up'))).toEqual(['up', 'up']);
      const rows = await queryOf(apis[0]!)<MigrationRow>(MIGRATION_ROWS);
      expect(rows.map((row) => row.migration_name)).toEqual(MIGRATIONS);

      // And they share the one database: a document made on one is served by the other.
      const id = await createDocument(apis[0]!.url);
      expect(await documentText(apis[1]!.url, id)).toBe('');
    } finally {
      for (const api of apis) await api.close();
      await database.drop();
    }
  });
});
