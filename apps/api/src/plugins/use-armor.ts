// Limits that keep an abusive query from costing the server more than it should, from
// graphql-armor (@escape.tech/graphql-armor): tokens (in the parser), depth, aliases,
// directives and an estimated cost (validation rules), on every transport (the WebSocket path
// parses and validates through the same envelop); and, in production, no "Did you mean ...?"
// suggestions that would map the schema for a stranger. Armor's rejections carry no code, so
// they are given BAD_USER_INPUT (the contract's code for a bad argument or request).
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface QueryLimits {
  depth: number;
  aliases: number;
  tokens: number;
  directives: number;
  cost: number;
}

export function useArmor(limits: QueryLimits, options: { hideSuggestions: boolean }): Plugin {
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
  return EnvelopArmorPlugin({
    maxTokens: { n: limits.tokens, ...parser },
    maxDepth: { n: limits.depth, ignoreIntrospection: true, ...rule },
    maxAliases: { n: limits.aliases, ...rule },
    maxDirectives: { n: limits.directives, ...rule },
    costLimit: { maxCost: limits.cost, ignoreIntrospection: true, ...rule },
    blockFieldSuggestion: { enabled: options.hideSuggestions },
  }) as Plugin;
}
