// GraphiQL at /graphql (outside production) from our own packages: yoga's default page loads
// its scripts from a CDN and stays a blank "Loading..." on a machine without internet.
// @graphql-yoga/render-graphiql carries the whole console (about 9 MB of it, inlined into the
// page), so it is loaded on the first visit only, and each page is built once.
const pages = new Map<string, Promise<string>>();

export function renderLocalGraphiQL(options: object): Promise<string> {
  const key = JSON.stringify(options);
  let page = pages.get(key);
  if (!page) {
    page = import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL }) =>
      renderGraphiQL({ ...options, title: 'Tandem GraphiQL' } as Parameters<typeof renderGraphiQL>[0]),
    );
    pages.set(key, page);
  }
  return page;
}
