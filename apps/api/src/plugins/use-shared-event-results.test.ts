// Which subscriptions may share one result per event: only those whose payload cannot differ
// between subscribers (see use-shared-event-results.ts).
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { dependsOnEventAlone } from './use-shared-event-results.js';

describe('dependsOnEventAlone', () => {
  it.each([
    ['root arguments from variables', 'subscription($id: ID!, $sv: Base64) { documentEvents(documentId: $id, stateVector: $sv) { kind update origin stateVector } }', true],
    ['an alias', 'subscription($id: ID!) { e: documentEvents(documentId: $id) { kind update } }', true],
    ['a directive under the root field', 'subscription($id: ID!, $o: Boolean!) { documentEvents(documentId: $id) { kind origin @include(if: $o) } }', false],
    ['a directive on the root field', 'subscription($id: ID!) { documentEvents(documentId: $id) @skip(if: false) { kind } }', false],
    ['a fragment', 'subscription($id: ID!) { documentEvents(documentId: $id) { ...F } } fragment F on DocumentEvent { kind }', false],
    ['an inline fragment', 'subscription($id: ID!) { documentEvents(documentId: $id) { ... on DocumentEvent { kind } } }', false],
    ['a query', 'query($id: ID!) { document(id: $id) { text } }', false],
  ])('%s: %s', (_, query, expected) => {
    expect(dependsOnEventAlone(parse(query), undefined)).toBe(expected);
  });
});
