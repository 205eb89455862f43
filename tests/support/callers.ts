// Who the tests act as. The API has no anonymous access, so every test API gets an
// administrator (the server's first account, or signed in again when the database already
// has one: PostgreSQL is shared by test files and by restarts), and the clients in
// clients.ts and providers.ts act as it unless a test names another caller. Tests about
// access make their own accounts, links and tokens and pass them explicitly.
import { randomBytes } from 'node:crypto';

export const ADMIN = { email: 'admin@tandem.test', password: 'the administrator password', name: 'Test Admin' } as const;

const defaultTokens = new Map<string, string>();

/** The API's host:port, the same for its http, ws and stream URLs. */
function apiHost(url: string): string {
  return new URL(url).host;
}

/** Makes `token` the caller of every client of the API at `url` that names none. */
export function actAs(url: string, token: string): void {
  defaultTokens.set(apiHost(url), token);
}

/** The default caller's token for the API at `url`, if it has one. */
export function defaultToken(url: string): string | undefined {
  return defaultTokens.get(apiHost(url));
}

async function post(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

const SIGN_IN = 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token user { id } } }';
const SIGN_UP =
  'mutation($email: String!, $password: String!, $name: String!, $invitation: String) { signUp(email: $email, password: $password, name: $name, invitation: $invitation) { token user { id } } }';

/** Signs in as the administrator, creating it first on a server without accounts. */
export async function signInAdmin(url: string): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const signedIn = await post(url, SIGN_IN, ADMIN);
    if (signedIn.data?.signIn) return signedIn.data.signIn.token as string;
    const signedUp = await post(url, SIGN_UP, ADMIN);
    if (signedUp.data?.signUp) return signedUp.data.signUp.token as string;
    // Another test file made the administrator at the same moment: sign in again.
  }
  throw new Error(`cannot sign in as the test administrator at ${url}`);
}

export interface TestAccount {
  id: string;
  email: string;
  name: string;
  token: string;
  password: string;
}

/** The password of every account createAccount makes. */
export const ACCOUNT_PASSWORD = 'a test password';

/** A new account (by an invitation of the administrator), signed in. Emails are unique per call. */
export async function createAccount(url: string, name: string, role: 'MEMBER' | 'ADMIN' = 'MEMBER'): Promise<TestAccount> {
  const admin = defaultToken(url) ?? (await signInAdmin(url));
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(4).toString('hex')}@tandem.test`;
  const invited = await post(url, 'mutation($role: ServerRole) { createInvitation(role: $role) { token } }', { role }, admin);
  const invitation = invited.data?.createInvitation?.token;
  if (!invitation) throw new Error(`createInvitation failed: ${JSON.stringify(invited.errors)}`);
  const password = ACCOUNT_PASSWORD;
  const signedUp = await post(url, SIGN_UP, { email, password, name, invitation });
  if (!signedUp.data?.signUp) throw new Error(`signUp failed: ${JSON.stringify(signedUp.errors)}`);
  return { id: signedUp.data.signUp.user.id, email, name, token: signedUp.data.signUp.token, password };
}

/** Gives an existing account a role on the document (as the administrator). */
export async function share(url: string, documentId: string, email: string, role: 'OWNER' | 'EDITOR' | 'COMMENTER' | 'VIEWER'): Promise<void> {
  const admin = defaultToken(url) ?? (await signInAdmin(url));
  const shared = await post(
    url,
    'mutation($id: ID!, $email: String!, $role: DocumentRole!) { shareDocument(documentId: $id, email: $email, role: $role) { role } }',
    { id: documentId, email, role },
    admin,
  );
  if (!shared.data?.shareDocument) throw new Error(`shareDocument failed: ${JSON.stringify(shared.errors)}`);
}

/** New accounts, each made an EDITOR of the document: name → token. */
export async function editorsOf(url: string, documentId: string, ...names: string[]): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const name of names) {
    const account = await createAccount(url, name);
    await share(url, documentId, account.email, 'EDITOR');
    tokens[name] = account.token;
  }
  return tokens;
}

/** A share link's token for the document, made by the administrator. */
export async function shareLink(url: string, documentId: string, role: 'EDITOR' | 'COMMENTER' | 'VIEWER'): Promise<{ id: string; token: string }> {
  const admin = defaultToken(url) ?? (await signInAdmin(url));
  const created = await post(
    url,
    'mutation($id: ID!, $role: DocumentRole!) { createShareLink(documentId: $id, role: $role) { id token } }',
    { id: documentId, role },
    admin,
  );
  if (!created.data?.createShareLink) throw new Error(`createShareLink failed: ${JSON.stringify(created.errors)}`);
  return created.data.createShareLink;
}
