/** The schema adds @defer and @stream to graphql's own directives, never in their place. */
import { specifiedDirectives } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

describe('schema directives', () => {
  it('keeps @include, @skip and the other specified directives next to @defer and @stream', () => {
    const names = schema.getDirectives().map((d) => d.name);
    for (const d of specifiedDirectives) expect(names).toContain(d.name);
    expect(names).toEqual(expect.arrayContaining(['defer', 'stream']));
  });
});
