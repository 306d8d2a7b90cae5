import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

/** ISO 8601 instants in UTC; the vendors' UTC fields come out as-is. */
builder.scalarType('DateTime', {
  description:
    'An instant in time, as an ISO 8601 string in UTC (e.g. `2020-08-25T02:00:00.000Z`).',
  serialize: (value) => (value as Date).toISOString(),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be an ISO 8601 string');
    return parseDateTime(ast.value);
  },
});

function parseDateTime(value: unknown): Date {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
  ) {
    throw new GraphQLError(
      'DateTime must be an ISO 8601 string with a time zone, e.g. 2024-05-01T00:00:00Z',
    );
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new GraphQLError(`DateTime "${value}" is not a real date`);
  return date;
}
