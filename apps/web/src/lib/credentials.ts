// How the web app proves who it is. A signed-in browser holds the API's session cookie (sent
// with every request: credentials 'include', since the API may be on another port of the same
// host). A guest holds a share link's token instead, which it got in the link's fragment
// (#link=...: a fragment never reaches a server's logs) and sends as a bearer token while that
// document is open.
const LINK_KEY = (documentId: string) => `tandem:link:${documentId}`;

let bearer: string | null = null;

/** The bearer token requests carry now: the open document's share link, for a guest. */
export function currentBearer(): string | null {
  return bearer;
}

export function setBearer(token: string | null): void {
  bearer = token;
}

/**
 * The share link token for a document: taken from the page's #link= fragment (which is then
 * removed from the address bar) and kept for this tab, so a reload keeps working.
 */
export function takeLinkToken(documentId: string): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('link');
  try {
    if (fromHash) {
      sessionStorage.setItem(LINK_KEY(documentId), fromHash);
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
      return fromHash;
    }
    return sessionStorage.getItem(LINK_KEY(documentId));
  } catch {
    return fromHash;
  }
}

export function forgetLinkToken(documentId: string): void {
  try {
    sessionStorage.removeItem(LINK_KEY(documentId));
  } catch {
    // nothing kept
  }
}
