// Saving text the API exported as a file on this device.
import type { DocumentFormat } from './content-operations';

const FILE_TYPES: Record<DocumentFormat, { extension: string; mime: string }> = {
  MARKDOWN: { extension: 'md', mime: 'text/markdown;charset=utf-8' },
  HTML: { extension: 'html', mime: 'text/html;charset=utf-8' },
};

/** "Q3 plan: draft/2" -> "Q3 plan- draft-2.md": a name every file system takes. */
export function fileName(title: string, format: DocumentFormat, suffix = ''): string {
  const base = (title.trim() || 'Untitled').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/^\.+/, '').slice(0, 120);
  return `${base}${suffix}.${FILE_TYPES[format].extension}`;
}

export function saveFile(content: string, name: string, format: DocumentFormat): void {
  const url = URL.createObjectURL(new Blob([content], { type: FILE_TYPES[format].mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has its own copy once click() returns; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Which format a dropped or picked file is, by its name (then its type); null when neither. */
export function formatOfFile(file: { name: string; type: string }): DocumentFormat | null {
  const name = file.name.toLowerCase();
  if (/\.(md|markdown|mdown|mkd)$/.test(name) || file.type === 'text/markdown') return 'MARKDOWN';
  if (/\.html?$/.test(name) || file.type === 'text/html') return 'HTML';
  return null;
}

/** The file's name without its extension: the imported document's title. */
export function titleOfFile(name: string): string {
  return name.replace(/\.[^.]+$/, '').trim().slice(0, 200);
}
