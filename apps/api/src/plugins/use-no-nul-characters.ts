// PostgreSQL text cannot hold U+0000: a string argument carrying one fails the query it reaches
// with a database error, which clients would see as INTERNAL_SERVER_ERROR (found by fuzzing,
// issue 11: an ID argument of "\u0000"). No input of ours needs that character, so any string
// argument holding it (inline or in variables) is refused before anything runs, on every
// transport, as BAD_USER_INPUT.
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((inner) => holdsNul(inner, depth + 1));
}

/**
 * Per parsed document: yoga's parser cache hands out one DocumentNode per query text, and
 * walking it on every push was 2% of the API's time under the write benchmark (issue 8).
 */
const documentsWithNul = new WeakMap<DocumentNode, boolean>();

function documentHoldsNul(document: DocumentNode): boolean {
  let found = documentsWithNul.get(document);
  if (found === undefined) {
    found = walkForNul(document);
    documentsWithNul.set(document, found);
  }
  return found;
}

function walkForNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (node.value.includes('\u0000')) found = true;
    },
  });
  return found;
}

const refusal = () =>
  new GraphQLError('arguments must not contain the NUL character (U+0000)', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

export function useNoNulCharacters(): Plugin {
  const check = (args: { document: DocumentNode; variableValues?: unknown }) => holdsNul(args.variableValues) || documentHoldsNul(args.document);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (check(args)) setResultAndStopExecution({ errors: [refusal()] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      if (check(args)) setResultAndStopExecution({ errors: [refusal()], data: null });
    },
  };
}
