/** Checks made before execution, so a costly query never reaches a vendor. */
import { group, int, type ValuesOf, v } from './parse.js';

/** Checks made before execution, so a costly query never reaches a vendor. */
export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Estimated vendor calls per operation (list sizes × first/last). */
  maxCost: number;
  maxBodyBytes: number;
  /** Operations per batched request. */
  maxBatch: number;
}

export const LIMITS_VARIABLES = group('Limits', {
  GATEWAY_MAX_DEPTH: v({
    description: 'Query depth (introspection exempt).',
    parse: int(1, 100),
    default: 12,
  }),
  GATEWAY_MAX_ALIASES: v({
    description: 'Aliases per operation.',
    parse: int(0, 1000),
    default: 15,
  }),
  GATEWAY_MAX_TOKENS: v({
    description: 'Tokens per document.',
    parse: int(10, 100_000),
    default: 2000,
  }),
  GATEWAY_MAX_DIRECTIVES: v({
    description: 'Directives per operation.',
    parse: int(0, 1000),
    default: 20,
  }),
  GATEWAY_MAX_COST: v({
    description: 'Estimated vendor calls per operation ([Limits](api.md#limits)).',
    parse: int(1, 1_000_000),
    default: 2000,
  }),
  GATEWAY_MAX_BODY_BYTES: v({
    description: 'Request body size.',
    parse: int(1_000, 50_000_000),
    default: 100_000,
  }),
  GATEWAY_MAX_BATCH: v({
    description: 'Operations per batched request.',
    parse: int(1, 100),
    default: 10,
  }),
});

export const limitsSettings = (values: ValuesOf<typeof LIMITS_VARIABLES>): LimitsConfig => ({
  maxDepth: values.GATEWAY_MAX_DEPTH,
  maxAliases: values.GATEWAY_MAX_ALIASES,
  maxTokens: values.GATEWAY_MAX_TOKENS,
  maxDirectives: values.GATEWAY_MAX_DIRECTIVES,
  maxCost: values.GATEWAY_MAX_COST,
  maxBodyBytes: values.GATEWAY_MAX_BODY_BYTES,
  maxBatch: values.GATEWAY_MAX_BATCH,
});
