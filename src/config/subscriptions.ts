/** GraphQL subscriptions: live order updates over SSE and WebSocket (docs/subscriptions.md). */
import { z } from 'zod';
import { fromZod, group, int, v, type ValuesOf } from './parse.js';

export interface SubscriptionsConfig {
  /** Open subscriptions per caller (credential), and per replica in total. */
  maxPerCaller: number;
  maxTotal: number;
  /** How often a graphql-ws socket is pinged (SSE: yoga's fixed 12 s keep-alive comment). */
  heartbeatMs: number;
  /** How often the shared poller reads each watched order in a transient state. */
  pollIntervalMs: number;
  /** At most this many poller reads per second per replica (background lane). */
  pollMaxQps: number;
  /** How often a user's token is checked again while their subscription is open. */
  authRecheckMs: number;
  /** How long a subscription ticket (a browser EventSource's credential) opens its stream. */
  ticketTtlMs: number;
  /** What tickets are sealed with; null: derived from the Living IoT AppSecret. */
  ticketSecret: string | null;
}

export const SUBSCRIPTIONS_VARIABLES = group('Subscriptions', {
  SUBSCRIPTIONS_MAX_PER_CALLER: v({
    description:
      'Open GraphQL subscriptions one credential may hold on a replica; more are refused with `TOO_MANY_SUBSCRIPTIONS`.',
    parse: int(1, 100_000),
    default: 20,
  }),
  SUBSCRIPTIONS_MAX_TOTAL: v({
    description: 'Open GraphQL subscriptions per replica, all callers together.',
    parse: int(1, 1_000_000),
    default: 10_000,
  }),
  SUBSCRIPTIONS_HEARTBEAT_MS: v({
    description:
      'Keep-alive of open subscriptions, so proxies keep idle streams open: this often a `:` comment on each SSE stream and a ping on each graphql-ws WebSocket.',
    parse: int(1000, 300_000),
    default: 15_000,
  }),
  SUBSCRIPTIONS_POLL_INTERVAL_MS: v({
    description:
      'How often the shared poller reads a subscribed order in a transient state (one read per order for all its subscribers on all replicas).',
    parse: int(250, 600_000),
    default: 2_000,
  }),
  SUBSCRIPTIONS_POLL_MAX_QPS: v({
    description:
      "The poller's Living IoT reads per second per replica at most (in the background lane, behind requests).",
    parse: int(1, 1000),
    default: 5,
  }),
  SUBSCRIPTIONS_AUTH_RECHECK_MS: v({
    description:
      "How often a user's token is checked again while their subscription is open; a token that stopped working ends the stream with `UNAUTHENTICATED`.",
    parse: int(1000, 3_600_000),
    default: 60_000,
  }),
  SUBSCRIPTIONS_TICKET_TTL_MS: v({
    description:
      'How long a subscription ticket (`createSubscriptionTicket`, for a browser `EventSource`) may open its stream; an open stream outlives it.',
    parse: int(1000, 900_000),
    default: 60_000,
  }),
  SUBSCRIPTIONS_TICKET_SECRET: v({
    description:
      'The key subscription tickets are sealed with (HKDF input), the same on every replica; changing it voids tickets not yet used.',
    parse: fromZod('32+ characters', 'at least 32 characters', z.string().min(32)),
    default: { doc: 'unset: derived from `ILOP_APP_SECRET`', of: () => null },
    secret: true,
  }),
});

export const subscriptionsSettings = (
  values: ValuesOf<typeof SUBSCRIPTIONS_VARIABLES>,
): SubscriptionsConfig => ({
  maxPerCaller: values.SUBSCRIPTIONS_MAX_PER_CALLER,
  maxTotal: values.SUBSCRIPTIONS_MAX_TOTAL,
  heartbeatMs: values.SUBSCRIPTIONS_HEARTBEAT_MS,
  pollIntervalMs: values.SUBSCRIPTIONS_POLL_INTERVAL_MS,
  pollMaxQps: values.SUBSCRIPTIONS_POLL_MAX_QPS,
  authRecheckMs: values.SUBSCRIPTIONS_AUTH_RECHECK_MS,
  ticketTtlMs: values.SUBSCRIPTIONS_TICKET_TTL_MS,
  ticketSecret: values.SUBSCRIPTIONS_TICKET_SECRET,
});
