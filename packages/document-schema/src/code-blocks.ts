// Code blocks with syntax highlighting. The grammars are bundled (nothing is fetched) and few:
// each one costs the editor's download, and these cover what people paste most.
import { CodeBlockLowlight } from '@tiptap/extension-code-block-lowlight';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { createLowlight } from 'lowlight';

/** The languages a code block can be highlighted as: id (as stored and in Markdown) and name. */
export const CODE_LANGUAGES = [
  { id: 'bash', name: 'Shell' },
  { id: 'c', name: 'C' },
  { id: 'cpp', name: 'C++' },
  { id: 'css', name: 'CSS' },
  { id: 'go', name: 'Go' },
  { id: 'xml', name: 'HTML / XML' },
  { id: 'java', name: 'Java' },
  { id: 'javascript', name: 'JavaScript' },
  { id: 'json', name: 'JSON' },
  { id: 'markdown', name: 'Markdown' },
  { id: 'python', name: 'Python' },
  { id: 'rust', name: 'Rust' },
  { id: 'sql', name: 'SQL' },
  { id: 'typescript', name: 'TypeScript' },
  { id: 'yaml', name: 'YAML' },
] as const;

export const lowlight = createLowlight({ bash, c, cpp, css, go, java, javascript, json, markdown, python, rust, sql, typescript, xml, yaml });
// The names people write after ``` as well as the ids above.
lowlight.registerAlias({ bash: ['sh', 'shell', 'zsh'], javascript: ['js', 'jsx'], typescript: ['ts', 'tsx'], xml: ['html', 'svg'], yaml: ['yml'], python: ['py'], markdown: ['md'] });

export const CodeBlocks = CodeBlockLowlight.configure({
  lowlight,
  // Tab indents inside code instead of leaving the editor (Escape, then Tab, leaves it).
  enableTabIndentation: true,
  tabSize: 2,
});
