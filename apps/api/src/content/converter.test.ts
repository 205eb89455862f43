import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ConversionError, Converter } from './converter.js';

function state(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('default').insert(0, [paragraph]);
  return Y.encodeStateAsUpdate(doc);
}

// Each converter starts a worker thread, which loads the editor's schema: seconds on a busy machine.
describe('Converter (conversions on a worker thread)', { timeout: 60_000 }, () => {
  const converters: Converter[] = [];
  const converter = (timeoutMs: number) => {
    const made = new Converter(timeoutMs);
    converters.push(made);
    return made;
  };
  afterEach(async () => {
    await Promise.all(converters.splice(0).map((made) => made.close()));
  });

  it('reads, builds and exports on the worker', async () => {
    const worker = converter(60_000);
    const read = await worker.read('MARKDOWN', '# Title\n\nSome *text* and ![pic](https://x.example/images/0a1b2c3d-1111-4222-8333-444455556666).\n');
    expect(read.title).toBe('Title');
    expect(read.imageIds).toEqual(['0a1b2c3d-1111-4222-8333-444455556666']);
    const update = await worker.build(read.body, read.imageIds);
    expect(await worker.export(update, 'MARKDOWN', '')).toBe('# Title\n\nSome *text* and ![pic](https://x.example/images/0a1b2c3d-1111-4222-8333-444455556666).\n');
  });

  it('leaves the main thread free while it converts', async () => {
    const worker = converter(60_000);
    const section = '## Part\n\nSome **bold** text, a [link](https://example.com) and `code`.\n\n- a\n  - b\n\n| x | y |\n| - | - |\n| 1 | 2 |\n\n';
    const reading = worker.read('MARKDOWN', section.repeat(500));
    // Count the turns the main thread's event loop takes until the conversion is done: on the
    // main thread it would take none in between.
    let done = false;
    let turns = 0;
    void reading.finally(() => (done = true));
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      turns += 1;
    }
    expect((await reading).body.content?.length).toBeGreaterThan(500);
    expect(turns).toBeGreaterThan(100);
  });

  it('fails a job the content makes impossible as a ConversionError, and goes on', async () => {
    const worker = converter(60_000);
    await expect(worker.build({ type: 'doc', content: [{ type: 'nonsense' }] }, [])).rejects.toBeInstanceOf(ConversionError);
    expect(await worker.export(state('still here'), 'MARKDOWN', '')).toBe('still here\n');
  });

  it('ends a job that runs past the time limit, and starts a new worker for the next', async () => {
    // No real job finishes in 1 ms (starting the worker alone takes longer).
    const worker = converter(1);
    await expect(worker.export(state('slow'), 'MARKDOWN', '')).rejects.toThrow(/took longer than/);
    worker.timeoutMs = 60_000;
    expect(await worker.export(state('fine'), 'MARKDOWN', '')).toBe('fine\n');
  });
});
