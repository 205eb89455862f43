'use client';

// Uploads an image file to the API (uploadImage) and answers the URL the document keeps:
// the API's own /images/<id>, which it serves to whoever may read the document.
import { useApolloClient } from '@apollo/client/react';
import { toBase64 } from '@tandem/provider';
import { useCallback } from 'react';
import { useApiUrl } from '@/app/providers';
import { UPLOAD_IMAGE } from '@/lib/content-operations';
import { describeError } from '@/lib/errors';

export class ImageUploadError extends Error {}

export function useImageUpload(documentId: string): (file: File) => Promise<string> {
  const apollo = useApolloClient();
  const apiUrl = useApiUrl();
  return useCallback(
    async (file: File) => {
      try {
        const data = toBase64(new Uint8Array(await file.arrayBuffer()));
        const { data: result } = await apollo.mutate({ mutation: UPLOAD_IMAGE, variables: { documentId, data } });
        if (!result?.uploadImage) throw new Error('No image in the answer');
        return new URL(result.uploadImage.url, new URL(apiUrl, window.location.href)).href;
      } catch (caught) {
        throw new ImageUploadError(`“${file.name || 'The image'}” could not be added. ${describeError(caught, apiUrl)}`);
      }
    },
    [apollo, apiUrl, documentId],
  );
}
