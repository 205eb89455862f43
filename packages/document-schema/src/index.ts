// @tandem/document-schema: what a Tandem document can hold, as the list of Tiptap extensions
// that defines it. The web editor adds its behaviour (collaboration, menus, ...) on top of this
// list; the API reads and writes documents (export, import) with exactly the same list, so a
// document means the same thing on both sides.
import type { Extensions } from '@tiptap/core';
import { Basics } from './basics.js';
import { CodeBlocks } from './code-blocks.js';
import { Images } from './images.js';
import { Links } from './links.js';
import { Tables } from './tables.js';
import { TaskLists } from './task-lists.js';

/** The body of a document lives in this XmlFragment of its Y.Doc (Tiptap's default). */
export const BODY_FIELD = 'default';

export const documentSchema: Extensions = [Basics, CodeBlocks, Links, ...TaskLists, ...Tables, Images];

// Each piece too: their type declarations bring the commands they add (insertTable, ...).
export { Basics } from './basics.js';
export { CODE_LANGUAGES, CodeBlocks, lowlight } from './code-blocks.js';
export { imageIdOf, imageIdsIn, Images, withImagesFrom } from './images.js';
export { isSafeHref, Links, withSafeLinks } from './links.js';
export { Tables } from './tables.js';
export { TaskLists } from './task-lists.js';
