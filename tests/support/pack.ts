/** Test helpers: the bundled pack's sources, and copies with one thing broken. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACK_FILES, type PackSources } from '../../src/data/load.ts';
import { DEFAULT_PACK_DIR } from '../../src/data/packs.ts';

type JsonFile = Exclude<keyof PackSources, 'article'>;

/** The bundled pack, read as the loader reads it. */
export function bundledSources(): PackSources {
  const read = (f: string) => readFileSync(join(DEFAULT_PACK_DIR, f), 'utf8');
  return {
    pack: read(PACK_FILES.pack),
    entities: read(PACK_FILES.entities),
    lexicon: read(PACK_FILES.lexicon),
    facts: read(PACK_FILES.facts),
    article: read('article.txt'),
  };
}

/** A copy of the sources with one JSON file changed by `edit` (which mutates the parsed object). */
export function withEdit(file: JsonFile, edit: (json: Record<string, unknown>) => void): PackSources {
  const src = bundledSources();
  const json = JSON.parse(src[file]) as Record<string, unknown>;
  edit(json);
  return { ...src, [file]: JSON.stringify(json) };
}

/** Narrowing helpers for editing parsed JSON without casts sprinkled through tests. */
export function obj(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('expected an object');
  return v as Record<string, unknown>;
}
export function arr(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new Error('expected an array');
  return v;
}
/** The fact with this id in a parsed facts.json. */
export function factIn(json: Record<string, unknown>, id: string): Record<string, unknown> {
  const f = arr(json.facts)
    .map(obj)
    .find((x) => x.id === id);
  if (!f) throw new Error(`no fact ${id}`);
  return f;
}

/** A copy of the bundled pack in a new temporary directory (for KNOWLEDGE_PACK_DIR); remove it when done. */
export function copyBundledPack(): string {
  const dir = mkdtempSync(join(tmpdir(), 'election-pack-'));
  cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
  return dir;
}

/** Edits one fact of the facts.json in a pack directory on disk, as someone editing the pack would. */
export function editFactOnDisk(dir: string, id: string, edit: (fact: Record<string, unknown>) => void): void {
  const path = join(dir, PACK_FILES.facts);
  const json = obj(JSON.parse(readFileSync(path, 'utf8')));
  edit(factIn(json, id));
  writeFileSync(path, JSON.stringify(json, null, 2));
}
