// Prisma CLI configuration. The API never runs the CLI at run time: it applies the migrations
// itself (apps/api/src/db/migrate.ts), because the CLI fetches a native engine over the network.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/tandem' },
});
