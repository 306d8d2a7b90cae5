/**
 * graphql-codegen: prints the Pothos schema to schema/schema.graphql (sorted) and types the
 * operations in schema/operations/ for frontends and tests, with the persisted-documents manifest.
 * `npm run codegen:check` fails when any of them is stale.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './src/schema/index.js';

const sdl = printSchema(lexicographicSortSchema(schema));

const config: CodegenConfig = {
  schema: sdl,
  documents: ['schema/operations/*.graphql'],
  emitLegacyCommonJSImports: false,
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'], config: { includeDirectives: true } },
    'schema/generated/': {
      preset: 'client',
      // persistedDocuments: persisted-documents.json (sha256 → document), the trusted-documents
      // manifest the gateway serves (src/server/trusted-documents.ts); each typed document carries its hash.
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: { scalars: { DateTime: 'string' }, enumsAsTypes: true, useTypeImports: true },
    },
  },
};

export default config;
