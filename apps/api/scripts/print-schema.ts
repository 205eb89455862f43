// Prints the API's schema to apps/api/schema.graphql (committed; a test fails when stale).
import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { createTandemSchema } from '../src/graphql/schema.js';

const target = new URL('../schema.graphql', import.meta.url);
writeFileSync(target, `${printSchema(createTandemSchema({ maxBase64Bytes: 1 }))}\n`);
console.log(`wrote ${target.pathname}`);
