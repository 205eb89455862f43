// GET /images/<id>: an image's bytes, to a caller who may read its document, identified as
// for GraphQL (a bearer token, or the web app's session cookie, which an <img> sends).
// Unknown images and images of documents the caller may not see are both 404, so ids cannot
// be probed; no credential is 401. Browsers revalidate every time (ETag, no-cache), so a
// revoked reader stops seeing an image at once instead of when a cache expires.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessControl } from '../access/access-control.js';
import type { OriginPolicy } from '../access/origins.js';
import { headersOf, identify, type IdentityOptions } from '../graphql/request-info.js';
import type { Logger } from '../logger.js';
import { IMAGE_PATH } from './image-service.js';
import type { ImageStore } from './image-store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isImageRoute(url: string | undefined): boolean {
  return url?.startsWith(IMAGE_PATH) ?? false;
}

export function createImageRoute(options: {
  store: ImageStore;
  access: AccessControl;
  identity: IdentityOptions;
  origins: OriginPolicy;
  log: Logger;
}): (req: IncomingMessage, res: ServerResponse) => void {
  const { store, access, identity, origins, log } = options;

  const fail = (res: ServerResponse, status: number, message: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(message);
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    // The web app may fetch() an image with its credentials: the same origins as /graphql.
    const origin = req.headers.origin;
    if (origin && origins.allows(origin, req.headers.host ?? null)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'GET, HEAD');
      res.setHeader('access-control-allow-headers', 'authorization');
      res.writeHead(204).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'images are read with GET');
    const id = new URL(req.url ?? '/', 'http://localhost').pathname.slice(IMAGE_PATH.length);
    if (!UUID.test(id)) return fail(res, 404, 'no such image');

    const found = await identify(identity, { headers: headersOf(req.headers), authorization: req.headers.authorization ?? null, node: req });
    if (found.caller.kind === 'anonymous') return fail(res, 401, 'sign in first: images are served with the access of their document');
    const row = await store.find(id);
    if (!row || !(await access.allows(found.caller, 'read', row.documentId))) return fail(res, 404, 'no such image');

    const etag = `"${row.id}"`;
    const headers = {
      'content-type': row.mimeType,
      'cache-control': 'private, no-cache',
      etag,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    const image = await store.data(id);
    if (!image) return fail(res, 404, 'no such image');
    res.writeHead(200, { ...headers, 'content-length': String(image.data.byteLength) });
    res.end(req.method === 'HEAD' ? undefined : image.data);
  };

  return (req, res) => {
    serve(req, res).catch((error: unknown) => {
      log.error('image route failed', { error, url: req.url });
      if (!res.headersSent) fail(res, 500, 'could not read the image');
      else res.destroy();
    });
  };
}
