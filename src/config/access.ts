/** Who may call and how: admin keys, CORS, introspection, GraphiQL, trusted documents, federation. */
import { z } from 'zod';
import { bool, fromZod, group, list, oneOf, type Mode, v } from './parse.js';

export const DEMO_ADMIN_KEY = 'subgate-demo-admin-key';

/** GATEWAY_TRUSTED_DOCUMENTS (src/server/trusted-documents.ts). */
export const TRUSTED_DOCUMENTS_MODES = ['allow', 'only'] as const;
export type TrustedDocumentsMode = (typeof TRUSTED_DOCUMENTS_MODES)[number];

/** Serving introspection and GraphiQL: on unless NODE_ENV=production. */
const unlessProduction = {
  doc: '`true`; `false` when `NODE_ENV=production`',
  of: (mode: Mode) => !mode.production,
};

export const ACCESS_VARIABLES = group('Access', {
  GATEWAY_ADMIN_KEYS: v({
    description: 'Admin API keys (`X-Api-Key`), 16+ characters each.',
    parse: list(
      'key',
      fromZod('16+ characters', 'at least 16 characters', z.string().min(16)),
      true,
    ),
    default: {
      doc: 'demo mode: the demo key; else none (admin off)',
      of: (mode: Mode) => (mode.demo ? [DEMO_ADMIN_KEY] : []),
    },
    secret: true,
  }),
  CORS_ORIGINS: v({
    description: 'Origins allowed to call cross-origin.',
    parse: list(
      'origin',
      fromZod(
        '`https://host[:port]`',
        'an origin such as https://app.example.com',
        z.string().regex(/^https?:\/\/[^/]+$/),
      ),
    ),
    default: { doc: 'unset: same-origin only', of: () => [] as string[] },
  }),
  GATEWAY_INTROSPECTION: v({
    description: 'Serve introspection.',
    parse: bool(),
    default: unlessProduction,
  }),
  GATEWAY_GRAPHIQL: v({
    description: 'Serve GraphiQL.',
    parse: bool(),
    default: unlessProduction,
  }),
  GATEWAY_TRUSTED_DOCUMENTS: v({
    description:
      '`allow`: persisted document ids and ad-hoc documents; `only`: user tokens may run persisted documents only (docs/platform.md).',
    parse: oneOf(TRUSTED_DOCUMENTS_MODES),
    default: 'allow' as TrustedDocumentsMode,
  }),
  GATEWAY_FEDERATION: v({
    description:
      'Serve as an Apollo Federation v2 subgraph (`_service`, `_entities`; docs/platform.md).',
    parse: bool(),
    default: false,
  }),
});
