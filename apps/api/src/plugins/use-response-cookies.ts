// Lets a resolver set cookies on the HTTP answer (signIn and signUp set the session cookie,
// signOut clears it): the context's `request.responseCookies` is appended here. Over a
// WebSocket there is no answer to set them on; those clients use the returned token.
import type { Plugin } from 'graphql-yoga';

const jars = new WeakMap<Request, string[]>();

/** The list of Set-Cookie values for this request's answer. */
export function responseCookiesFor(request: Request): string[] {
  let jar = jars.get(request);
  if (!jar) {
    jar = [];
    jars.set(request, jar);
  }
  return jar;
}

export function useResponseCookies(): Plugin {
  return {
    onResponse({ request, response }) {
      for (const cookie of jars.get(request) ?? []) response.headers.append('set-cookie', cookie);
    },
  };
}
