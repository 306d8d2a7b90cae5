/**
 * Limits checked before execution (and so before any vendor call): body size, depth, aliases,
 * tokens, directives (graphql-armor) and the vendor fan-out cost of the operation.
 */
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { LimitsConfig } from '../config.js';
import { estimateFanOut } from './fan-out-cost.js';

function jsonError(status: number, message: string, code: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** Refuses oversized bodies from their declared length, before anything reads them. */
export function useBodyLimit(graphqlEndpoint: string, maxBytes: number): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== graphqlEndpoint || request.method !== 'POST') return;
      const length = request.headers.get('content-length');
      if (length === null) {
        if (request.headers.get('transfer-encoding')) {
          endResponse(jsonError(411, 'A Content-Length header is required.', 'LENGTH_REQUIRED'));
        }
        return;
      }
      if (Number(length) > maxBytes) {
        endResponse(jsonError(413, `Request body exceeds ${maxBytes} bytes.`, 'REQUEST_TOO_LARGE'));
      }
    },
  };
}

/** Refuses operations whose estimated vendor calls exceed the limit, with the estimate. */
export function useFanOutLimit(maxCost: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = estimateFanOut(
        args.schema,
        args.document,
        args.operationName,
        args.variableValues,
      );
      if (cost > maxCost) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(
              `Operation too costly: it may make about ${cost} vendor calls, more than the limit of ${maxCost}. Ask for fewer devices or smaller first/last windows.`,
              { extensions: { code: 'QUERY_TOO_COSTLY', cost, limit: maxCost } },
            ),
          ],
        });
      }
    },
  };
}

export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

export function useOperationLimits(limits: LimitsConfig, production: boolean): Plugin[] {
  const armor = new EnvelopArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: limits.maxDirectives },
    // Our fan-out cost counts vendor calls; armor's generic cost would only approximate it.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  });
  return [...(armor.protect().plugins as Plugin[]), useFanOutLimit(limits.maxCost)];
}
