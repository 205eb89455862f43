import type { ContentService } from '../content/content-service.js';
import type { DocumentService } from '../documents/service.js';
import type { Logger } from '../logger.js';

/** What every resolver gets, over HTTP, SSE and WebSocket alike. */
export interface TandemContext {
  documents: DocumentService;
  /** Export and import. */
  content: ContentService;
  log: Logger;
  limits: {
    /** Bytes of events one subscriber may fall behind by before its subscription ends. */
    subscriberBacklogBytes: number;
  };
}
