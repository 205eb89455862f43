import { createSchema } from 'graphql-yoga';
import { accessTypeDefs } from './access-type-defs.js';
import type { TandemContext } from './context.js';
import { AccessMutation, AccessQuery, DocumentAccessFields, User } from './resolvers/access.js';
import { Document, Snapshot } from './resolvers/document.js';
import { Mutation } from './resolvers/mutation.js';
import { Query } from './resolvers/query.js';
import { Subscription } from './resolvers/subscription.js';
import { createBase64Scalar, DateTimeScalar } from './scalars.js';
import { typeDefs } from './type-defs.js';
import { contentTypeDefs } from './content-type-defs.js';
import { contentResolvers } from './resolvers/content.js';
import { commentResolvers } from './resolvers/comments.js';

export function createTandemSchema(options: { maxBase64Bytes: number }) {
  return createSchema<TandemContext>({
    typeDefs: [typeDefs, accessTypeDefs, contentTypeDefs],
    resolvers: [
      {
        Base64: createBase64Scalar(options.maxBase64Bytes),
        DateTime: DateTimeScalar,
        Query: { ...Query, ...AccessQuery },
        Mutation: { ...Mutation, ...AccessMutation },
        Subscription,
        Document: { ...Document, ...DocumentAccessFields },
        Snapshot,
        User,
      },
      contentResolvers,
      commentResolvers,
    ],
  });
}
