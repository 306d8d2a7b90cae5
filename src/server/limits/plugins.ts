/**
 * Limits checked before execution (and so before any vendor call): body size, depth, aliases,
 * tokens, directives (graphql-armor) and the vendor fan-out cost of the operation.
 */
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { LimitsConfig } from '../../config.js';
import { ErrorCode, errorResponse } from '../client-errors.js';
import { estimateFanOut } from './fan-out-cost.js';

/** Refuses oversized bodies from their declared length, before anything reads them. */
export function useBodyLimit(
  graphqlEndpoint: string,
  maxBytes: number,
  requestId: (request: Request) => string | undefined,
): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== graphqlEndpoint || request.method !== 'POST') return;
      const length = request.headers.get('content-length');
      const refuse = (status: number, message: string, code: ErrorCode) =>
        endResponse(errorResponse(status, message, code, requestId(request)));
      if (length === null) {
        if (request.headers.get('transfer-encoding')) {
          refuse(411, 'A Content-Length header is required.', ErrorCode.LENGTH_REQUIRED);
        }
        return;
      }
      if (Number(length) > maxBytes) {
        refuse(413, `Request body exceeds ${maxBytes} bytes.`, ErrorCode.REQUEST_TOO_LARGE);
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
              { extensions: { code: ErrorCode.QUERY_TOO_COSTLY, cost, limit: maxCost } },
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

/**
 * graphql-armor's refusals carry no code: each gets QUERY_TOO_COMPLEX and its limit. yoga codes
 * errors by setting their extensions in its hooks too, and keeps a code already set.
 */
function coded(n: number) {
  return {
    n,
    onReject: [
      (_: unknown, error: GraphQLError) => {
        Object.assign(error.extensions, { code: ErrorCode.QUERY_TOO_COMPLEX, limit: n });
      },
    ],
  };
}

export function useOperationLimits(limits: LimitsConfig, production: boolean): Plugin[] {
  const armor = new EnvelopArmor({
    maxDepth: { ...coded(limits.maxDepth), ignoreIntrospection: true },
    maxAliases: coded(limits.maxAliases),
    maxTokens: coded(limits.maxTokens),
    maxDirectives: coded(limits.maxDirectives),
    // Our fan-out cost counts vendor calls; armor's generic cost would only approximate it.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  });
  return [...(armor.protect().plugins as Plugin[]), useFanOutLimit(limits.maxCost)];
}
