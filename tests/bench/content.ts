// Export and import at size: a Markdown file of about 500 kB (the most an import takes with
// the default MAX_UPDATE_BYTES: an eighth of it) using every construct, imported
// through GraphQL (importDocument), then exported as Markdown and as HTML (Document.export).
// The conversions run on the API's event loop, so these times are also how long one such
// request holds up everyone else's on the same instance.
import { startApi } from '../support/api.js';
import { must } from '../support/clients.js';
import { percentile, progress } from './stats.js';

export interface ContentResult {
  what: string;
  bytes: number;
  p50: number;
  max: number;
  runs: number;
}

const SECTION = `## Section

Some **bold**, *italic*, ~~struck~~ and \`code\` text with [a link](https://example.com) in a longer paragraph of ordinary prose.

- first point
  - nested point
1. first step
2. second step

- [ ] open task
- [x] done task

> A quote that says something worth quoting.

\`\`\`ts
const answer: number = 42;
\`\`\`

| Name | Role | Since |
| ---- | ---- | ----- |
| Ada  | Lead | 2024  |
| Bob  | Dev  | 2025  |

`;

const RUNS = 5;

async function time(task: () => Promise<unknown>): Promise<{ p50: number; max: number; runs: number }> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await task();
    samples.push(performance.now() - start);
  }
  return { p50: percentile(samples, 50), max: Math.max(...samples), runs: RUNS };
}

export async function content(): Promise<ContentResult[]> {
  const api = await startApi();
  try {
    const markdown = SECTION.repeat(Math.floor((4 * 1024 * 1024) / 8 / SECTION.length));
    const bytes = Buffer.byteLength(markdown);
    let id = '';
    progress(`importing ${bytes} bytes of Markdown`);
    const imported = await time(async () => {
      const data = await must<{ importDocument: { id: string } }>(
        api.url,
        'mutation($content: String!) { importDocument(format: MARKDOWN, content: $content) { id } }',
        { content: markdown },
      );
      id = data.importDocument.id;
    });
    const exportAs = (format: 'MARKDOWN' | 'HTML') => () =>
      must(api.url, `query($id: ID!) { document(id: $id) { export(format: ${format}) } }`, { id });
    progress('exporting it as Markdown and HTML');
    const markdownOut = await time(exportAs('MARKDOWN'));
    const htmlOut = await time(exportAs('HTML'));
    return [
      { what: 'importDocument (Markdown)', bytes, ...imported },
      { what: 'Document.export(MARKDOWN)', bytes, ...markdownOut },
      { what: 'Document.export(HTML)', bytes, ...htmlOut },
    ];
  } finally {
    await api.close();
  }
}
