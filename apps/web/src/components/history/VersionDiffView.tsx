'use client';

import type { BlockDiff, TextSegment, VersionDiff } from '@/lib/operations';
import { characters } from './describe';

type Row = { kind: 'gap'; count: number; key: string } | { kind: 'block'; block: BlockDiff; key: string };

/**
 * Changed blocks with the runs of unchanged ones between them counted. The API sends changed
 * blocks only (changesOnly), each with its index in the older and newer text; an unchanged
 * block moves both indexes by one, so the distance to the next changed block is the gap.
 */
export function withGaps(blocks: readonly BlockDiff[], newBlockCount: number): Row[] {
  const rows: Row[] = [];
  let nextOld = 0;
  let nextNew = 0;
  blocks.forEach((block, index) => {
    const gap = block.oldIndex !== null ? block.oldIndex - nextOld : block.newIndex !== null ? block.newIndex - nextNew : 0;
    if (gap > 0) rows.push({ kind: 'gap', count: gap, key: `gap-${index}` });
    nextOld += Math.max(gap, 0);
    nextNew += Math.max(gap, 0);
    if (block.oldIndex !== null) nextOld = block.oldIndex + 1;
    if (block.newIndex !== null) nextNew = block.newIndex + 1;
    rows.push({ kind: 'block', block, key: `block-${index}` });
  });
  // Unchanged blocks after the last change.
  if (newBlockCount > nextNew) rows.push({ kind: 'gap', count: newBlockCount - nextNew, key: 'gap-end' });
  return rows;
}

const CHANGE_NAME: Record<BlockDiff['change'], string> = {
  INSERTED: 'Added',
  DELETED: 'Removed',
  MODIFIED: 'Changed',
  UNCHANGED: 'Unchanged',
};

function blockName(type: string): string {
  switch (type) {
    case 'heading':
      return 'heading';
    case 'codeBlock':
      return 'code block';
    default:
      return 'paragraph';
  }
}

function Segment({ segment }: { segment: TextSegment }) {
  switch (segment.kind) {
    case 'INSERT':
      return <ins className="diff-ins">{segment.text}</ins>;
    case 'DELETE':
      return <del className="diff-del">{segment.text}</del>;
    case 'EQUAL':
      return <>{segment.text}</>;
    default: {
      const unknown: never = segment.kind;
      return <>{String(unknown)}</>;
    }
  }
}

function Block({ block }: { block: BlockDiff }) {
  const Tag = block.type === 'codeBlock' ? 'pre' : 'div';
  return (
    <Tag className={`diff-block diff-${block.change.toLowerCase()} diff-type-${block.type}`} data-change={block.change}>
      <span className="visually-hidden">
        {CHANGE_NAME[block.change]} {blockName(block.type)}:{' '}
      </span>
      {block.segments.length > 0 ? (
        block.segments.map((segment, index) => <Segment key={index} segment={segment} />)
      ) : (
        <span className="diff-empty">empty {blockName(block.type)}</span>
      )}
    </Tag>
  );
}

/** What changed from a version to the current text, additions and deletions marked. */
export function VersionDiffView({ diff, version }: { diff: VersionDiff; version: number }) {
  const rows = withGaps(diff.blocks, diff.newBlockCount);
  const same = diff.blocks.length === 0;
  return (
    <div className="version-diff" data-testid="version-diff">
      <p className="diff-summary" aria-live="polite">
        {same ? (
          <>The current text is the same as version {version}.</>
        ) : (
          <>
            Since version {version}:
            {diff.insertedCharacters > 0 ? (
              <span className="diff-count diff-count-ins" data-testid="inserted-characters">
                +{characters(diff.insertedCharacters)} added
              </span>
            ) : null}
            {diff.deletedCharacters > 0 ? (
              <span className="diff-count diff-count-del" data-testid="deleted-characters">
                −{characters(diff.deletedCharacters)} removed
              </span>
            ) : null}
            {diff.insertedCharacters === 0 && diff.deletedCharacters === 0 ? <span>no words changed, only the layout of some paragraphs</span> : null}
          </>
        )}
      </p>
      {same ? null : (
        <div className="diff-body">
          {rows.map((row) =>
            row.kind === 'gap' ? (
              <p key={row.key} className="diff-gap">
                {row.count} unchanged {row.count === 1 ? 'paragraph' : 'paragraphs'}
              </p>
            ) : (
              <Block key={row.key} block={row.block} />
            ),
          )}
        </div>
      )}
    </div>
  );
}
