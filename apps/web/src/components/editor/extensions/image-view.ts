// How an image is drawn in the editor. The API serves images only to readers of their
// document: a signed-in person's <img> request carries their session cookie, but a guest's
// credential is a share link sent as a bearer token, which an <img> cannot send. For a guest
// the image is fetched with it and shown from memory. The node is the shared one
// (@tandem/document-schema); only its view is ours.
import { Images } from '@tandem/document-schema';
import type { Node } from '@tiptap/pm/model';
import { currentBearer } from '@/lib/credentials';

function showImage(image: HTMLImageElement, src: string, previous: { url: string | null }): void {
  if (previous.url) URL.revokeObjectURL(previous.url);
  previous.url = null;
  const bearer = currentBearer();
  if (!bearer) {
    image.src = src;
    return;
  }
  fetch(src, { headers: { authorization: `Bearer ${bearer}` }, credentials: 'include' })
    .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(`HTTP ${response.status}`))))
    .then((blob) => {
      previous.url = URL.createObjectURL(blob);
      image.src = previous.url;
    })
    .catch(() => {
      // Shown as a broken image with its alt text, as an <img> that failed would be.
      image.src = src;
    });
}

export const ImagesWithGuestAccess = Images.extend({
  addNodeView() {
    return ({ node }) => {
      const image = document.createElement('img');
      const shown = { url: null as string | null };
      let current: Node = node;
      const apply = (next: Node) => {
        image.alt = (next.attrs.alt as string | null) ?? '';
        if (next.attrs.title) image.title = next.attrs.title as string;
        else image.removeAttribute('title');
        if (next.attrs.src !== current.attrs.src || !image.getAttribute('src')) showImage(image, next.attrs.src as string, shown);
        current = next;
      };
      apply(node);
      return {
        dom: image,
        update: (next) => {
          if (next.type !== current.type) return false;
          apply(next);
          return true;
        },
        destroy: () => {
          if (shown.url) URL.revokeObjectURL(shown.url);
        },
      };
    };
  },
});
