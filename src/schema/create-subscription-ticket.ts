/**
 * `createSubscriptionTicket`: the credential a browser's EventSource subscribes with, minted with
 * the caller's usual one (docs/subscriptions.md "From a browser's EventSource"). No vendor call.
 */
import { ValidationError } from '../mutations/results.js';
import { builder } from './builder.js';
import { NO_CALLS } from './field-cost.js';

const CreateSubscriptionTicketInput = builder.inputType('CreateSubscriptionTicketInput', {
  description: 'The subscription document the ticket is to open: exactly one of the two.',
  fields: (t) => ({
    document: t.string({
      description: 'The document, exactly as the EventSource URL will send it as `query`.',
    }),
    documentId: t.string({
      description:
        'A trusted document id (`sha256:<hex>`, schema/operations), sent as `extensions.persistedQuery.sha256Hash`.',
    }),
  }),
});

const SubscriptionTicket = builder
  .objectRef<{ ticket: string; expiresAt: Date }>('SubscriptionTicket')
  .implement({
    description:
      'A ticket for one subscription document over SSE: add it to the GET URL as `ticket`.',
    fields: (t) => ({
      ticket: t.exposeString('ticket', {
        description:
          "The `ticket` query parameter's value. Opaque; it holds no readable credential.",
      }),
      expiresAt: t.expose('expiresAt', {
        type: 'DateTime',
        description:
          'Until when it opens a stream (an open stream outlives it); mint a new one to reconnect after.',
      }),
    }),
  });

builder.mutationField('createSubscriptionTicket', (t) =>
  t.field({
    type: SubscriptionTicket,
    description: `A short-lived ticket that lets a browser's \`EventSource\` (which cannot send headers) open one subscription document: \`GET /graphql?query=…&variables=…&ticket=…\` with \`Accept: text/event-stream\`, as the caller who minted it. It opens nothing else (no query, mutation, POST or other document) and expires after SUBSCRIPTIONS_TICKET_TTL_MS; the stream is then checked as any other (a token that stops working ends it with \`UNAUTHENTICATED\`). No vendor call.`,
    args: {
      input: t.arg({
        type: CreateSubscriptionTicketInput,
        required: true,
        description: 'The document.',
      }),
    },
    extensions: NO_CALLS,
    errors: {
      types: [ValidationError],
      directResult: true,
      union: {
        name: 'CreateSubscriptionTicketResult',
        description: 'The ticket, or why the document cannot have one.',
      },
    },
    resolve: (_root, { input }, ctx) => ctx.services.tickets.mint(ctx.viewer, input),
  }),
);
