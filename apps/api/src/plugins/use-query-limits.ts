// Limits that keep an abusive query from costing the server more than it should: depth,
// aliases, tokens, directives and an estimated cost, by graphql-armor. Its rejections carry no
// code, so they are given BAD_USER_INPUT (the contract's code for a bad argument or request).
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface QueryLimits {
  depth: number;
  aliases: number;
  tokens: number;
  directives: number;
  cost: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { depth: 8, aliases: 15, tokens: 1000, directives: 10, cost: 5000 };

export function useQueryLimits(limits: QueryLimits = DEFAULT_QUERY_LIMITS): Plugin[] {
  // Validation rules report a coded error instead of throwing their own uncoded one.
  const rule = {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } })),
    ],
  };
  // The token limit acts in the parser, where there is no context to report to: it throws.
  const parser = {
    onReject: [
      (_: unknown, error: GraphQLError) => {
        (error.extensions as Record<string, unknown>).code = 'BAD_USER_INPUT';
      },
    ],
  };
  return [
    maxTokensPlugin({ n: limits.tokens, ...parser }),
    maxDepthPlugin({ n: limits.depth, ignoreIntrospection: true, ...rule }),
    maxAliasesPlugin({ n: limits.aliases, ...rule }),
    maxDirectivesPlugin({ n: limits.directives, ...rule }),
    costLimitPlugin({ maxCost: limits.cost, ...rule }),
  ] as Plugin[];
}
