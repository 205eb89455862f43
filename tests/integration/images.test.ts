// Images in documents: an editor uploads one (uploadImage), the API keeps it in the database
// and serves it at /images/<id> only to callers who may read its document; the size limit
// and the image check refuse without storing anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startApi, type TestApi } from '../support/api.js';
import { createAccount, shareLink, type TestAccount } from '../support/callers.js';
import { createDocument, gql, must, toBase64 } from '../support/clients.js';

const UPLOAD = 'mutation($id: ID!, $data: Base64!) { uploadImage(documentId: $id, data: $data) { id documentId mimeType byteSize url } }';
const SHARE = 'mutation($id: ID!, $email: String!, $role: DocumentRole!) { shareDocument(documentId: $id, email: $email, role: $role) { role } }';
const UNSHARE = 'mutation($id: ID!, $userId: ID!) { unshareDocument(documentId: $id, userId: $userId) }';
const LIMIT = 4096;

/** A real (1×1) PNG, padded with a comment chunk-like tail to `size` bytes. */
function png(size = 80): Uint8Array {
  const pixel = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  return Uint8Array.from(Buffer.concat([pixel, Buffer.alloc(Math.max(0, size - pixel.length))]));
}

interface Uploaded {
  id: string;
  documentId: string;
  mimeType: string;
  byteSize: number;
  url: string;
}

describe.each(backends)('images (%s)', (backend) => {
  let api: TestApi;
  let reader: TestAccount;
  const origin = () => new URL(api.url).origin;
  const fetchImage = (path: string, token?: string | null, headers: Record<string, string> = {}) =>
    fetch(`${origin()}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  const upload = async (id: string, data: Uint8Array, as?: string) => (await must<{ uploadImage: Uploaded }>(api.url, UPLOAD, { id, data: toBase64(data) }, as)).uploadImage;
  const stored = (documentId: string) => api.database.prisma.image.count({ where: { documentId } });

  beforeAll(async () => {
    api = await startApi({ backend, env: { MAX_IMAGE_BYTES: String(LIMIT) } });
    reader = await createAccount(api.url, 'Reader');
  });
  afterAll(() => api?.close());

  it('stores an uploaded image and serves it to whoever may read the document, and to no one else', async () => {
    const id = await createDocument(api.url, 'With a picture');
    const bytes = png();
    const image = await upload(id, bytes);
    expect(image).toMatchObject({ documentId: id, mimeType: 'image/png', byteSize: bytes.byteLength, url: `/images/${image.id}` });

    const served = await fetchImage(image.url, api.adminToken);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);

    // Another account without access: as if there were no such image. No credential: 401.
    expect((await fetchImage(image.url, reader.token)).status).toBe(404);
    expect((await fetchImage(image.url, null)).status).toBe(401);
    expect((await fetchImage(`/images/${crypto.randomUUID()}`, api.adminToken)).status).toBe(404);

    // Shared with them, they see it; unshared, they no longer do (no cached answer lets them).
    await must(api.url, SHARE, { id, email: reader.email, role: 'VIEWER' });
    const shared = await fetchImage(image.url, reader.token);
    expect(shared.status).toBe(200);
    const etag = shared.headers.get('etag')!;
    expect((await fetchImage(image.url, reader.token, { 'if-none-match': etag })).status).toBe(304);
    await must(api.url, UNSHARE, { id, userId: reader.id });
    expect((await fetchImage(image.url, reader.token, { 'if-none-match': etag })).status).toBe(404);

    // A VIEWER share link reads it too.
    const link = await shareLink(api.url, id, 'VIEWER');
    expect((await fetchImage(image.url, link.token)).status).toBe(200);
  });

  it('lets only editors upload', async () => {
    const id = await createDocument(api.url, 'Read only for some');
    await must(api.url, SHARE, { id, email: reader.email, role: 'VIEWER' });
    const asViewer = await gql(api.url, UPLOAD, { id, data: toBase64(png()) }, reader.token);
    expect(asViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const link = await shareLink(api.url, id, 'VIEWER');
    expect((await gql(api.url, UPLOAD, { id, data: toBase64(png()) }, link.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(api.url, UPLOAD, { id, data: toBase64(png()) }, null)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await stored(id)).toBe(0);
  });

  it.each([
    ['an image over MAX_IMAGE_BYTES', () => png(LIMIT + 1), 'PAYLOAD_TOO_LARGE'],
    ['an SVG (it can carry scripts)', () => Uint8Array.from(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')), 'BAD_USER_INPUT'],
    ['HTML posing as an image', () => Uint8Array.from(Buffer.from('<html><script>alert(1)</script></html>')), 'BAD_USER_INPUT'],
  ])('refuses %s and stores nothing', async (_, data, code) => {
    const id = await createDocument(api.url, 'Refusals');
    const result = await gql(api.url, UPLOAD, { id, data: toBase64(data()) });
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(await stored(id)).toBe(0);
  });

  it('accepts an image of exactly the limit, and deletes images with their document', async () => {
    const id = await createDocument(api.url, 'Short lived');
    const image = await upload(id, png(LIMIT));
    expect(image.byteSize).toBe(LIMIT);
    await must(api.url, 'mutation($id: ID!) { deleteDocument(id: $id) }', { id });
    expect((await fetchImage(image.url, api.adminToken)).status).toBe(404);
    expect(await stored(id)).toBe(0);
  });
});
