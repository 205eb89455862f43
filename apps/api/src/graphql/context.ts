import type { AccessControl } from '../access/access-control.js';
import type { Accounts } from '../access/accounts.js';
import type { Administration } from '../access/administration.js';
import type { ApiTokens } from '../access/api-tokens.js';
import type { Caller } from '../access/caller.js';
import type { Invitations } from '../access/invitations.js';
import type { Sharing } from '../access/sharing.js';
import type { CommentService } from '../comments/comment-service.js';
import type { ContentService } from '../content/content-service.js';
import type { DocumentService } from '../documents/service.js';
import type { ImageService } from '../images/image-service.js';
import type { Logger } from '../logger.js';
import type { SearchService } from '../search/search-service.js';

/** The services every request shares. */
export interface TandemServices {
  documents: DocumentService;
  access: AccessControl;
  sharing: Sharing;
  accounts: Accounts;
  invitations: Invitations;
  apiTokens: ApiTokens;
  administration: Administration;
  /** Export and import. */
  content: ContentService;
  /** Images in documents: uploads (served by images/image-route.ts). */
  images: ImageService;
  /** Full-text search over titles and bodies. */
  search: SearchService;
  /** Comment threads and their events. */
  comments: CommentService;
  log: Logger;
  limits: {
    /** Bytes of events one subscriber may fall behind by before its subscription ends. */
    subscriberBacklogBytes: number;
  };
}

/** Where a request came from, for the few resolvers that need more than the caller. */
export interface RequestInfo {
  /** The client's address (sign-in limits). */
  address: string;
  /** The request's own credentials (`authorization`, the session cookie), for signOut. */
  credentials: Headers;
  /** The web app's origin, to build links people open (share links, invitations); null when unknown. */
  webOrigin: string | null;
  /** Set-Cookie headers to send with the answer (sign-in and sign-out over HTTP). */
  responseCookies: string[];
}

/** What every resolver gets, over HTTP, SSE and WebSocket alike. */
export interface TandemContext extends TandemServices {
  /** Who is asking (access/caller.ts); anonymous when no credential or an invalid one. */
  caller: Caller;
  request: RequestInfo;
}
